package org.distdata.it.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's main path on a real Payara Micro running the built WAR: log in, create a table,
 * write with parameters, read it back with API.md's value mapping, see a syntax error and a
 * bad CSV line come back as problem+json, and see a logged-out token refused.
 */
@ExtendWith(ArquillianExtension.class)
class ItApiRoundTripTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ApiDeployment.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void sqlRoundTripErrorsImportAndLogout() {
        ApiHttp api = new ApiHttp(base);
        String token = api.login("admin", ApiDeployment.ADMIN_PASSWORD);
        String table = "RT_" + System.currentTimeMillis(); // the data directory survives between runs

        ApiHttp.Reply created = api.sql(token, sql("CREATE TABLE " + table
                + " (id INT PRIMARY KEY, name VARCHAR(40), balance DECIMAL(12,2), born DATE)"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().getJsonArray("columns")).isEmpty();

        ApiHttp.Reply inserted = api.sql(token, Json.createObjectBuilder()
                .add("sql", "INSERT INTO " + table + " VALUES (?, ?, ?, ?)")
                .add("params", Json.createArrayBuilder().add(42).add("Ada").add(new java.math.BigDecimal("1234.50"))
                        .add("1815-12-10"))
                .build());
        assertThat(inserted.status()).as(inserted.body()).isEqualTo(200);
        assertThat(inserted.json().getInt("updateCount")).isEqualTo(1);

        ApiHttp.Reply selected = api.sql(token, Json.createObjectBuilder()
                .add("sql", "SELECT id, name, balance, born FROM " + table + " WHERE id = ?")
                .add("params", Json.createArrayBuilder().add(42)).build());
        assertThat(selected.status()).as(selected.body()).isEqualTo(200);
        JsonObject result = selected.json();
        assertThat(result.getInt("rowCount")).isEqualTo(1);
        assertThat(result.isNull("updateCount")).isTrue();
        JsonArray row = result.getJsonArray("rows").getJsonArray(0);
        assertThat(row.getInt(0)).isEqualTo(42);
        assertThat(row.getString(1)).isEqualTo("Ada");
        assertThat(row.getString(2)).isEqualTo("1234.50"); // DECIMAL travels as an exact string
        assertThat(row.getString(3)).isEqualTo("1815-12-10");

        ApiHttp.Reply syntax = api.sql(token, sql("SELECT * FORM " + table));
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.isProblem("SQL_SYNTAX")).as(syntax.body()).isTrue();
        assertThat(syntax.json().getBoolean("retryable")).isFalse();

        String csv = "id,name,balance,born\n100,Carl,1.00,2000-01-01\n101,Dora,oops,2001-02-03\n";
        ApiHttp.Reply badImport = api.send("POST", "api/v1/tables/" + table + "/import", token, "text/csv", csv);
        assertThat(badImport.status()).isGreaterThanOrEqualTo(400).isLessThan(500);
        assertThat(badImport.contentType()).startsWith("application/problem+json");
        assertThat(badImport.json().getInt("line")).isEqualTo(3);
        assertThat(count(api, token, table)).as("nothing of the failed batch is loaded").isEqualTo(1);

        ApiHttp.Reply goodImport = api.send("POST", "api/v1/tables/" + table + "/import", token, "text/csv",
                "id,name,balance,born\n100,Carl,1.00,2000-01-01\n101,Dora,2.50,2001-02-03\n");
        assertThat(goodImport.status()).as(goodImport.body()).isEqualTo(200);
        assertThat(goodImport.json().getInt("rowsImported")).isEqualTo(2);
        assertThat(count(api, token, table)).isEqualTo(3);

        assertThat(api.send("POST", "api/v1/auth/logout", token, null, null).status()).isEqualTo(204);
        ApiHttp.Reply afterLogout = api.get(token, "api/v1/tables");
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.isProblem("UNAUTHENTICATED")).as(afterLogout.body()).isTrue();
    }

    private static long count(ApiHttp api, String token, String table) {
        ApiHttp.Reply r = api.sql(token, sql("SELECT id FROM " + table));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getInt("rowCount");
    }

    private static JsonObject sql(String text) {
        return Json.createObjectBuilder().add("sql", text).build();
    }
}
