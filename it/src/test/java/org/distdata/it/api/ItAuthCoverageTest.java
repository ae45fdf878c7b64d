package org.distdata.it.api;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code /api/v1} endpoint answers 401 UNAUTHENTICATED without a token and 403
 * FORBIDDEN to a role below its minimum, as problem+json, and admits its minimum role.
 *
 * <p>The endpoint table is {@code distdata-web/src/test/resources/api-endpoints.txt}. Two
 * checks keep it honest: distdata-web's {@code ApiEndpointTableTest} compares it with the
 * {@code @Path}/{@code @RolesAllowed} of the resource classes by reflection, and this test
 * compares it with the endpoints the running server itself reports in {@code /openapi}
 * (generated from the same annotations) — an endpoint without an entry fails both.
 */
@ExtendWith(ArquillianExtension.class)
class ItAuthCoverageTest {
    private static final List<String> ROLES = List.of("reader", "writer", "admin");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ApiDeployment.war();
    }

    @ArquillianResource
    URL base;

    record Endpoint(String method, String path, String role) {
        String key() {
            return method + " " + path;
        }

        /** The path with its templates filled; targets that do not exist keep every probe harmless. */
        String concretePath() {
            return path.substring(1).replace("{table}", "NO_SUCH_TABLE").replace("{name}", "no-such-user")
                    .replace("{id}", "n1-0000000000000001");
        }
    }

    @Test
    void everyEndpointDemandsATokenAndItsMinimumRole() throws IOException {
        ApiHttp api = new ApiHttp(base);
        List<Endpoint> table = endpointTable();
        assertThat(table).hasSizeGreaterThan(10);

        Set<String> listed = table.stream().map(Endpoint::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed)
                .as("endpoint table vs the server's /openapi")
                .isEqualTo(openApiEndpoints(api));

        String admin = api.login("admin", ApiDeployment.ADMIN_PASSWORD);
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String reader = createAndLogin(api, admin, "cov-reader-" + suffix, "reader");
        String writer = createAndLogin(api, admin, "cov-writer-" + suffix, "writer");
        String[] tokens = {reader, writer, admin};

        List<String> failures = new ArrayList<>();
        for (Endpoint e : table) {
            if (e.role().equals("none") || e.key().equals("POST /api/v1/auth/logout")) {
                continue; // logout is probed last: admitting it revokes the token
            }
            probe(api, e, tokens, failures);
        }
        Endpoint logout = table.stream().filter(e -> e.key().equals("POST /api/v1/auth/logout")).findFirst().orElseThrow();
        probe(api, logout, new String[]{createAndLogin(api, admin, "cov-logout-" + suffix, "reader"), writer, admin},
                failures);
        assertThat(failures).isEmpty();
    }

    @Test
    void readerCannotRunDmlOrDdlAndWriterCannotRunDdl() {
        ApiHttp api = new ApiHttp(base);
        String admin = api.login("admin", ApiDeployment.ADMIN_PASSWORD);
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String reader = createAndLogin(api, admin, "sql-reader-" + suffix, "reader");
        String writer = createAndLogin(api, admin, "sql-writer-" + suffix, "writer");
        String table = "COV_" + suffix.toUpperCase(Locale.ROOT);
        assertThat(api.sql(admin, sql("CREATE TABLE " + table + " (id INT PRIMARY KEY)")).status()).isEqualTo(200);

        assertThat(api.sql(reader, sql("SELECT id FROM " + table)).status()).isEqualTo(200);
        assertThat(api.sql(reader, sql("INSERT INTO " + table + " VALUES (1)")).isProblem("FORBIDDEN")).isTrue();
        assertThat(api.sql(reader, sql("DROP TABLE " + table)).isProblem("FORBIDDEN")).isTrue();
        assertThat(api.sql(writer, sql("INSERT INTO " + table + " VALUES (1)")).status()).isEqualTo(200);
        assertThat(api.sql(writer, sql("DROP TABLE " + table)).isProblem("FORBIDDEN")).isTrue();
        ApiHttp.Reply count = api.sql(reader, sql("SELECT id FROM " + table));
        assertThat(count.json().getInt("rowCount")).isEqualTo(1);
    }

    private static void probe(ApiHttp api, Endpoint e, String[] tokens, List<String> failures) {
        ApiHttp.Reply anonymous = call(api, e, null);
        if (anonymous.status() != 401 || !anonymous.isProblem("UNAUTHENTICATED")) {
            failures.add(e.key() + " without token: " + anonymous.status() + " " + anonymous.body());
        }
        int min = ROLES.indexOf(e.role());
        for (int i = 0; i < ROLES.size(); i++) {
            ApiHttp.Reply r = call(api, e, tokens[i]);
            boolean refused = r.status() == 403 && r.isProblem("FORBIDDEN");
            if (i < min && !refused) {
                failures.add(e.key() + " as " + ROLES.get(i) + ": expected 403, got " + r.status() + " " + r.body());
            }
            if (i >= min && (r.status() == 401 || r.status() == 403)) {
                failures.add(e.key() + " as " + ROLES.get(i) + ": refused " + r.status() + " " + r.body());
            }
            if (e.key().equals("POST /api/v1/auth/logout") && i >= min) {
                return; // the token just got revoked; stronger roles would only repeat the check
            }
        }
    }

    private static ApiHttp.Reply call(ApiHttp api, Endpoint e, String token) {
        boolean hasBody = e.method().equals("POST") || e.method().equals("PUT");
        boolean csv = e.path().endsWith("/import");
        return api.send(e.method(), e.concretePath(), token,
                hasBody ? (csv ? "text/csv" : "application/json") : null,
                hasBody ? (csv ? "ID\n1\n" : "{}") : null);
    }

    private static String createAndLogin(ApiHttp api, String adminToken, String user, String role) {
        ApiHttp.Reply r = api.send("POST", "api/v1/users", adminToken, "application/json",
                "{\"username\":\"" + user + "\",\"password\":\"pw-" + user + "\",\"roles\":[\"" + role + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return api.login(user, "pw-" + user);
    }

    private static Set<String> openApiEndpoints(ApiHttp api) {
        ApiHttp.Reply doc = api.get(null, "openapi?format=JSON");
        assertThat(doc.status()).isEqualTo(200);
        Set<String> endpoints = new TreeSet<>();
        JsonObject paths = doc.json().getJsonObject("paths");
        for (String path : paths.keySet()) {
            if (!path.startsWith("/api/v1/")) {
                continue;
            }
            for (String method : paths.getJsonObject(path).keySet()) {
                if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                    endpoints.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return endpoints;
    }

    static List<Endpoint> endpointTable() throws IOException {
        Path war = Path.of(System.getProperty("distdata.war", "../distdata-web/target/distdata.war"));
        Path file = war.toAbsolutePath().getParent().getParent().resolve("src/test/resources/api-endpoints.txt");
        return Files.readAllLines(file).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+"))
                .map(f -> new Endpoint(f[0], f[1], f[2]))
                .toList();
    }

    private static jakarta.json.JsonObject sql(String text) {
        return jakarta.json.Json.createObjectBuilder().add("sql", text).build();
    }
}
