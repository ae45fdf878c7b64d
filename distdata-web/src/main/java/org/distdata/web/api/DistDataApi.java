package org.distdata.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import java.util.Map;

/**
 * The public HTTP API of API.md, version 1, at {@code /api/v1}. Resources and providers are
 * discovered by scanning this WAR.
 *
 * <p>Authorization (enforced by {@link org.distdata.web.security.RoleCheckFeature} from the
 * {@code @RolesAllowed} of each resource method, and per statement for SQL): {@code reader}
 * may run SELECT/VALUES/WITH/EXPLAIN and read the catalog and the metrics summary;
 * {@code writer} may also run INSERT/UPDATE/DELETE/MERGE and import CSV; {@code admin} may do
 * everything, including DDL (CREATE/DROP/ALTER/...), ANALYZE, user management and the
 * cluster endpoints. Only {@code POST /auth/token} needs no token.
 */
@ApplicationPath("api/v1")
@OpenAPIDefinition(info = @Info(title = "DistData HTTP API", version = "1"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class DistDataApi extends Application {
    @Override
    public Map<String, Object> getProperties() {
        // Jersey's generated WADL would be one more endpoint outside API.md.
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
