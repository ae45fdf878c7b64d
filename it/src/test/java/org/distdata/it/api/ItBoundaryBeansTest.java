package org.distdata.it.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container shape (ADR 0012) on a real Payara Micro running the built WAR: each endpoint
 * below is served by one of the thin beans over the node's parts, so it works only if that
 * bean deployed, started after {@code NodeBean} and reached the part {@code Node} built —
 * {@code RaftHostBean} (partitions, cluster, Raft gauges), {@code MetaGroupBean} (users,
 * catalog), {@code SqlBean} (statements, batches, EXPLAIN, CSV import). The engine's errors
 * leave the beans as application exceptions and still arrive with their own codes.
 * {@code DataNodeBean} serves other nodes, so a replicated cluster shows it
 * ({@code ItReplicatedClusterTest}).
 */
@ExtendWith(ArquillianExtension.class)
class ItBoundaryBeansTest {

    /** arquillian.xml starts the node with {@code distdata.partitions=4}. */
    private static final int PARTITIONS = 4;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ApiDeployment.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void theRaftHostBeanShowsThisNodeLeadingEveryPartitionAndPublishesTheRaftGauges() {
        ApiHttp api = new ApiHttp(base);
        String token = api.login("admin", ApiDeployment.ADMIN_PASSWORD);

        ApiHttp.Reply partitions = api.get(token, "api/v1/partitions");
        assertThat(partitions.status()).as(partitions.body()).isEqualTo(200);
        JsonArray list = partitions.jsonArray();
        assertThat(list).hasSize(PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            JsonObject partition = list.getJsonObject(p);
            assertThat(partition.getInt("id")).isEqualTo(p);
            assertThat(partition.getString("leader")).isEqualTo("it-api");
        }

        ApiHttp.Reply cluster = api.get(token, "api/v1/cluster");
        assertThat(cluster.status()).as(cluster.body()).isEqualTo(200);
        assertThat(cluster.json().getInt("partitions")).isEqualTo(PARTITIONS);
        assertThat(cluster.json().getString("health")).isEqualTo("OK");

        ApiHttp.Reply metrics = api.get(token, "metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).as("the node runs alone: no Raft host, the gauges read 0")
                .containsPattern("(?m)^distdata_raft_commits\\S*\\s+0");
    }

    @Test
    void usersAndTheCatalogAreReadAndChangedThroughTheMetaGroupBean() {
        ApiHttp api = new ApiHttp(base);
        String admin = api.login("admin", ApiDeployment.ADMIN_PASSWORD);
        String name = "bean_user_" + System.currentTimeMillis(); // the data directory survives between runs

        ApiHttp.Reply created = api.send("POST", "api/v1/users", admin, "application/json",
                Json.createObjectBuilder().add("username", name).add("password", "Bean-user-pass-1")
                        .add("roles", Json.createArrayBuilder().add("writer")).build().toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(usernames(api, admin)).contains(name);
        assertThat(api.login(name, "Bean-user-pass-1")).isNotBlank();

        ApiHttp.Reply again = api.send("POST", "api/v1/users", admin, "application/json",
                Json.createObjectBuilder().add("username", name).add("password", "Bean-user-pass-1")
                        .add("roles", Json.createArrayBuilder().add("reader")).build().toString());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem("CONSTRAINT_VIOLATION")).as(again.body()).isTrue();

        ApiHttp.Reply disabled = api.send("PUT", "api/v1/users/" + name, admin, "application/json",
                "{\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().getBoolean("enabled")).isFalse();

        assertThat(api.send("DELETE", "api/v1/users/" + name, admin, null, null).status()).isEqualTo(204);
        assertThat(usernames(api, admin)).doesNotContain(name);
        ApiHttp.Reply gone = api.send("DELETE", "api/v1/users/" + name, admin, null, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.isProblem("NOT_FOUND")).as(gone.body()).isTrue();

        String table = "CAT_" + System.currentTimeMillis();
        assertThat(api.sql(admin, sql("CREATE TABLE " + table + " (id INT PRIMARY KEY, note VARCHAR(20))")).status())
                .isEqualTo(200);
        ApiHttp.Reply tables = api.get(admin, "api/v1/tables");
        assertThat(tables.jsonArray().stream().map(v -> v.asJsonObject().getString("name")))
                .anyMatch(table::equalsIgnoreCase);
        ApiHttp.Reply details = api.get(admin, "api/v1/tables/" + table);
        assertThat(details.status()).as(details.body()).isEqualTo(200);
        assertThat(details.json().getJsonArray("columns").stream()
                .map(v -> v.asJsonObject().getString("name").toUpperCase()))
                .containsExactly("ID", "NOTE");
        assertThat(api.get(admin, "api/v1/tables/NO_SUCH_TABLE").isProblem("NOT_FOUND")).isTrue();
    }

    @Test
    void statementsBatchesExplainAndImportRunThroughTheSqlBean() {
        ApiHttp api = new ApiHttp(base);
        String token = api.login("admin", ApiDeployment.ADMIN_PASSWORD);
        String table = "SQLB_" + System.currentTimeMillis();
        assertThat(api.sql(token, sql("CREATE TABLE " + table + " (id INT PRIMARY KEY, v INT)")).status())
                .isEqualTo(200);

        ApiHttp.Reply failedBatch = api.send("POST", "api/v1/sql/batch", token, "application/json",
                Json.createObjectBuilder().add("atomic", true).add("statements", Json.createArrayBuilder()
                        .add(sql("INSERT INTO " + table + " VALUES (1, 10)"))
                        .add(sql("INSERT INTO " + table + " VALUES (1, 11)"))).build().toString());
        assertThat(failedBatch.status()).as(failedBatch.body()).isEqualTo(409);
        assertThat(failedBatch.isProblem("CONSTRAINT_VIOLATION")).as(failedBatch.body()).isTrue();
        assertThat(count(api, token, table)).as("nothing of the failed atomic batch is kept").isZero();

        ApiHttp.Reply batch = api.send("POST", "api/v1/sql/batch", token, "application/json",
                Json.createObjectBuilder().add("atomic", true).add("statements", Json.createArrayBuilder()
                        .add(sql("INSERT INTO " + table + " VALUES (1, 10)"))
                        .add(sql("INSERT INTO " + table + " VALUES (2, 20)"))).build().toString());
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().getJsonArray("results")).hasSize(2);

        ApiHttp.Reply imported = api.send("POST", "api/v1/tables/" + table + "/import", token, "text/csv",
                "id,v\n3,30\n4,40\n");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().getInt("rowsImported")).isEqualTo(2);
        assertThat(count(api, token, table)).isEqualTo(4);

        ApiHttp.Reply explain = api.sql(token, sql("EXPLAIN SELECT v FROM " + table + " WHERE id = 3"));
        assertThat(explain.status()).as(explain.body()).isEqualTo(200);
        assertThat(explain.json().getJsonArray("rows")).isNotEmpty();
        assertThat(explain.body()).contains("FRAGMENT");
    }

    private static List<String> usernames(ApiHttp api, String token) {
        ApiHttp.Reply users = api.get(token, "api/v1/users");
        assertThat(users.status()).as(users.body()).isEqualTo(200);
        return users.jsonArray().stream().map(JsonValue::asJsonObject).map(u -> u.getString("username")).toList();
    }

    private static long count(ApiHttp api, String token, String table) {
        ApiHttp.Reply r = api.sql(token, sql("SELECT COUNT(*) FROM " + table));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("rows").getJsonArray(0).getInt(0);
    }

    private static JsonObject sql(String text) {
        return Json.createObjectBuilder().add("sql", text).build();
    }
}
