package org.distdata.web.api;

import org.distdata.web.ops.EndpointNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code api-endpoints.txt} — the authorization table the Arquillian coverage test
 * probes — equal to what the resource classes really declare: every endpoint, and the least
 * role its {@code @RolesAllowed}/{@code @PermitAll} admits. A new endpoint without an entry,
 * or a changed role, fails here.
 */
class ApiEndpointTableTest {
    static final List<Class<?>> RESOURCES = List.of(AuthResource.class, SqlResource.class, TableResource.class,
            UserResource.class, ClusterResource.class, MetricsResource.class, TransactionResource.class);

    @Test
    void tableMatchesTheResourceClasses() throws IOException {
        Map<String, String> declared = new TreeMap<>();
        for (Class<?> resource : RESOURCES) {
            for (Method m : resource.getDeclaredMethods()) {
                if (EndpointNames.httpMethod(m) != null) {
                    declared.put(EndpointNames.of(m), ResourceRoles.leastRole(m));
                }
            }
        }
        assertThat(declared).isEqualTo(table());
    }

    @Test
    void everyResourceClassInThePackageIsListed() throws IOException {
        // A resource class missing from RESOURCES would escape the check above.
        try (InputStream in = ApiEndpointTableTest.class.getResourceAsStream("/api-endpoints.txt")) {
            assertThat(in).isNotNull();
        }
        assertThat(ResourceRoles.resourceClassesIn(AuthResource.class))
                .containsExactlyInAnyOrderElementsOf(RESOURCES);
    }

    static Map<String, String> table() throws IOException {
        try (InputStream in = ApiEndpointTableTest.class.getResourceAsStream("/api-endpoints.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.split("\\s+"))
                    .collect(Collectors.toMap(f -> f[0] + " " + f[1], f -> f[2], (a, b) -> a, TreeMap::new));
        }
    }
}
