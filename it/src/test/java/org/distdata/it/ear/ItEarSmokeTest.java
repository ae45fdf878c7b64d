package org.distdata.it.ear;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.distdata.it.support.ApiClient;
import org.distdata.it.support.IntegrationPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployment smoke test of {@code distdata.ear} on Payara Server: the EJB module, the
 * skinny web module and {@code lib/} must deploy together, start a node, report ready
 * through MicroProfile Health and serve the authenticated SQL API. The domain is created
 * fresh on free loopback ports, with a temporary data directory and a known admin password.
 */
class ItEarSmokeTest {
    private static final String ADMIN_PASSWORD = "EarSmoke-" + Long.toHexString(System.nanoTime());

    private static PayaraServerDomain domain;
    private static ApiClient api;

    @BeforeAll
    static void deployEarOnPayaraServer() throws Exception {
        Path ear = IntegrationPaths.ear();
        assertThat(ear).as("the EAR built by distdata-ear").exists();
        Path workDir = IntegrationPaths.workDir().resolve("ear-smoke-" + System.currentTimeMillis());
        Path dataDir = Files.createDirectories(workDir.resolve("data"));

        domain = PayaraServerDomain.create(IntegrationPaths.payaraServerHome(), workDir, "distdata-ear");
        Duration started = domain.start();
        domain.setSystemProperties(Map.of(
                "distdata.data.dir", dataDir.toString(),
                "distdata.admin.password", ADMIN_PASSWORD,
                "distdata.node.name", "ear-smoke",
                // Fewer partitions than the default 16: the first start creates each one.
                "distdata.partitions", "4"));
        Duration deployed = domain.deploy(ear, "distdata");
        api = new ApiClient(domain.httpUri());
        Duration ready = api.awaitReady(Duration.ofMinutes(3));
        System.out.printf("EAR smoke: start-domain %d s, deploy %d s, ready %d s after deploy (server log %s)%n",
                started.toSeconds(), deployed.toSeconds(), ready.toSeconds(), domain.serverLog());
    }

    @AfterAll
    static void stopPayaraServer() {
        if (domain != null) {
            domain.close();
        }
    }

    @Test
    void readinessCheckReportsUp() {
        ApiClient.Response ready = api.get("health/ready");

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
    }

    @Test
    void sqlApiRejectsCallsWithoutToken() {
        ApiClient.Response response = api.postAnonymously("api/v1/sql", "{\"sql\": \"VALUES 1\"}");

        assertThat(response.status()).isEqualTo(401);
    }

    /** Vaadin lives in the web module (not in lib/); its servlet must start and serve the production bundle. */
    @Test
    void consoleIsServedByTheWebModule() {
        ApiClient.Response console = api.get("console/");

        assertThat(console.status()).as(console.body()).isEqualTo(200);
        assertThat(console.body()).contains("VAADIN/build/");
    }

    @Test
    void adminCanLogInAndRunSql() {
        ApiClient client = new ApiClient(domain.httpUri());
        ApiClient.Response login = client.login("admin", ADMIN_PASSWORD);
        assertThat(login.status()).as(login.body()).isEqualTo(200);

        ApiClient.Response create = client.sql(
                "CREATE TABLE ear_smoke (id INT PRIMARY KEY, name VARCHAR(20))");
        assertThat(create.status()).as(create.body()).isEqualTo(200);
        ApiClient.Response insert = client.sql("INSERT INTO ear_smoke VALUES (1, 'from the ear')");
        assertThat(insert.status()).as(insert.body()).isEqualTo(200);
        assertThat(insert.json().getInt("updateCount")).isEqualTo(1);

        ApiClient.Response select = client.sql("SELECT id, name FROM ear_smoke");
        assertThat(select.status()).as(select.body()).isEqualTo(200);
        JsonObject result = select.json();
        JsonArray rows = result.getJsonArray("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.getJsonArray(0).getInt(0)).isEqualTo(1);
        assertThat(rows.getJsonArray(0).getString(1)).isEqualTo("from the ear");
    }
}
