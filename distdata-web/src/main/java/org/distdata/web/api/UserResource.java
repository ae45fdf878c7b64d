package org.distdata.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.distdata.meta.boundary.MetaGroupBean;
import org.distdata.security.control.UserView;
import org.distdata.security.entity.Role;
import org.distdata.web.json.JsonBodies;
import org.distdata.web.json.JsonOutput;
import org.distdata.web.security.ApiRoles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/users} (admin only): list, create, update (password, roles, enabled) and
 * delete users. Changing a password or disabling a user revokes that user's tokens; the last
 * enabled admin cannot be deleted, disabled or demoted (409 CONSTRAINT_VIOLATION).
 */
@Path("users")
@ApplicationScoped
@RolesAllowed(ApiRoles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private static final long MAX_BODY = 64 * 1024;

    @Inject
    MetaGroupBean metaGroup;

    @GET
    @Operation(summary = "List users (never their passwords)")
    public JsonArray list() {
        JsonArrayBuilder a = JsonOutput.BUILDERS.createArrayBuilder();
        metaGroup.users().forEach(u -> a.add(json(u)));
        return a.build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "409", description = "CONSTRAINT_VIOLATION: the user exists")
    public Response create(InputStream body, @Context UriInfo uri) {
        JsonObject o = JsonBodies.readObject(body, MAX_BODY);
        Set<Role> roles = roles(o).orElseThrow(() -> JsonBodies.badRequest("'roles' is required"));
        UserView u = metaGroup.createUser(JsonBodies.requiredString(o, "username"),
                JsonBodies.requiredString(o, "password"), roles);
        return Response.created(uri.getAbsolutePathBuilder().path(u.username()).build()).entity(json(u)).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's password, roles or enabled flag (each optional)")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such user")
    public JsonObject update(@PathParam("name") String name, InputStream body) {
        JsonObject o = JsonBodies.readObject(body, MAX_BODY);
        return json(metaGroup.updateUser(name, JsonBodies.optionalString(o, "password"), roles(o),
                JsonBodies.optionalBoolean(o, "enabled")));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a user")
    @APIResponse(responseCode = "204", description = "deleted")
    public Response delete(@PathParam("name") String name) {
        metaGroup.deleteUser(name);
        return Response.noContent().build();
    }

    static JsonObject json(UserView u) {
        JsonArrayBuilder roles = JsonOutput.BUILDERS.createArrayBuilder();
        u.roles().stream().sorted().map(Role::id).forEach(roles::add);
        return JsonOutput.BUILDERS.createObjectBuilder()
                .add("username", u.username())
                .add("roles", roles)
                .add("enabled", u.enabled())
                .build();
    }

    static Optional<Set<Role>> roles(JsonObject o) {
        return JsonBodies.optionalArray(o, "roles").map(array -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (JsonValue v : array) {
                if (!(v instanceof JsonString s)) {
                    throw JsonBodies.badRequest("'roles' must be an array of role names");
                }
                try {
                    roles.add(Role.fromId(s.getString()));
                } catch (IllegalArgumentException e) {
                    throw JsonBodies.badRequest(e.getMessage());
                }
            }
            return roles;
        });
    }
}
