package org.distdata.web.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import org.distdata.error.ErrorCode;
import org.distdata.web.error.Problem;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on resource methods
 * (method annotation first, then class), answering 401 or 403 as problem+json. JAX-RS
 * resources are not EJBs, so nothing else enforces these annotations portably; a resource
 * method with none of them is denied, so a forgotten annotation fails closed.
 */
@Provider
public class RoleCheckFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        context.register(new RoleCheck(requiredRoles(resourceInfo.getResourceMethod())));
    }

    /** The roles that may call {@code method}: empty list = anyone (@PermitAll); null = nobody. */
    public static List<String> requiredRoles(Method method) {
        if (method.isAnnotationPresent(DenyAll.class)) {
            return null;
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return List.of();
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        if (roles != null) {
            return List.of(roles.value());
        }
        if (method.getDeclaringClass().isAnnotationPresent(PermitAll.class)) {
            return List.of();
        }
        return null;
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class RoleCheck implements ContainerRequestFilter {
        private final List<String> roles;

        RoleCheck(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (roles != null && roles.isEmpty()) {
                return;
            }
            var security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(Problem.response(ErrorCode.UNAUTHENTICATED, "authentication required"));
                return;
            }
            if (roles == null || roles.stream().noneMatch(security::isUserInRole)) {
                request.abortWith(Problem.response(ErrorCode.FORBIDDEN,
                        "this endpoint needs role " + (roles == null ? "(none may call it)" : String.join(" or ", roles))));
            }
        }
    }
}
