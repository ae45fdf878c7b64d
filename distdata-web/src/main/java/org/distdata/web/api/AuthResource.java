package org.distdata.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.distdata.node.boundary.NodeBean;
import org.distdata.security.control.IssuedToken;
import org.distdata.security.entity.Role;
import org.distdata.web.json.JsonBodies;
import org.distdata.web.json.JsonOutput;
import org.distdata.web.security.ApiRoles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;

/**
 * {@code /api/v1/auth}: trade a username and password for a bearer token, and revoke it.
 * Login is open to anyone (and throttled); logout needs the token being revoked.
 */
@Path("auth")
@ApplicationScoped
public class AuthResource {
    private static final long MAX_LOGIN_BODY = 64 * 1024;

    @Inject
    NodeBean nodeBean;

    @POST
    @Path("token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in: username and password for a bearer token")
    @APIResponse(responseCode = "200", description = "token issued")
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED: bad credentials or disabled user")
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many failed logins")
    public JsonObject token(InputStream body, @Context HttpServletRequest request) {
        JsonObject o = JsonBodies.readObject(body, MAX_LOGIN_BODY);
        IssuedToken t = nodeBean.node().auth().login(JsonBodies.requiredString(o, "username"),
                JsonBodies.requiredString(o, "password"), request.getRemoteAddr());
        JsonArrayBuilder roles = JsonOutput.BUILDERS.createArrayBuilder();
        t.roles().stream().sorted().map(Role::id).forEach(roles::add);
        return JsonOutput.BUILDERS.createObjectBuilder()
                .add("token", t.token())
                .add("tokenType", "Bearer")
                .add("expiresAt", t.expiresAt().toString())
                .add("roles", roles)
                .build();
    }

    @POST
    @Path("logout")
    @RolesAllowed(ApiRoles.READER)
    @Operation(summary = "Revoke the presented bearer token")
    @APIResponse(responseCode = "204", description = "token revoked")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        nodeBean.node().auth().logout(authorization.substring("Bearer ".length()).trim());
        return Response.noContent().build();
    }
}
