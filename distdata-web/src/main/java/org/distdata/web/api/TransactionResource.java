package org.distdata.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.distdata.sql.boundary.SqlBean;
import org.distdata.transaction.TransactionState;
import org.distdata.web.security.ApiRoles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/v1/transactions}: explicit transactions across requests (API.md, Transactions).
 * Begin one, send statements to {@code /sql} or {@code /sql/batch} with its
 * {@code transactionId}, then commit or roll it back; its status stays readable after it
 * ended. A transaction belongs to the user who began it and lives on the node that began it:
 * elsewhere the answer is {@code 421 MISDIRECTED} naming that node. Any authenticated user may
 * begin one; each statement in it needs the role its kind needs, as on {@code /sql}.
 */
@Path("transactions")
@ApplicationScoped
@RolesAllowed(ApiRoles.READER)
@Produces(MediaType.APPLICATION_JSON)
public class TransactionResource {
    @Inject
    SqlBean sqlBean;

    @POST
    @Operation(summary = "Begin an explicit transaction on this node")
    @APIResponse(responseCode = "201", description = "transactionId and expiresAt (renewed by every statement)")
    public Response begin(@Context SecurityContext security, @Context UriInfo uri) {
        TransactionState t = sqlBean.begin(user(security));
        return Response.created(uri.getAbsolutePathBuilder().path(t.transactionId()).build()).entity(json(t)).build();
    }

    @POST
    @Path("{id}/commit")
    @Operation(summary = "Commit: every write of the transaction becomes visible at once, or none")
    @APIResponse(responseCode = "200", description = "status COMMITTED")
    @APIResponse(responseCode = "409", description = "TXN_CONFLICT: aborted, nothing was changed (retryable)")
    @APIResponse(responseCode = "504", description = "TIMEOUT: the outcome is not known yet; GET the transaction")
    public JsonObject commit(@PathParam("id") String id, @Context SecurityContext security) {
        return json(sqlBean.commit(id, user(security)));
    }

    @POST
    @Path("{id}/rollback")
    @Operation(summary = "Roll back: nothing of the transaction takes effect")
    @APIResponse(responseCode = "200", description = "status ROLLED_BACK")
    public JsonObject rollback(@PathParam("id") String id, @Context SecurityContext security) {
        return json(sqlBean.rollback(id, user(security)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The transaction's status: ACTIVE, PREPARING, COMMITTED, ROLLED_BACK or ABORTED")
    @APIResponse(responseCode = "404", description = "TXN_NOT_FOUND")
    @APIResponse(responseCode = "421", description = "MISDIRECTED: ask the node named in 'node'")
    public JsonObject status(@PathParam("id") String id, @Context SecurityContext security) {
        return json(sqlBean.transaction(id, user(security)));
    }

    private static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    static JsonObject json(TransactionState t) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("transactionId", t.transactionId())
                .add("status", t.status().name());
        if (t.node() != null) {
            b.add("node", t.node());
        }
        if (t.expiresAt() != null) {
            b.add("expiresAt", t.expiresAt().toString());
        }
        if (t.reason() != null) {
            b.add("reason", t.reason());
        }
        return b.build();
    }
}
