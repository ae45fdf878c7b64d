package org.distdata.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlStatement;
import org.distdata.sql.boundary.SqlBean;
import org.distdata.web.json.BodyLimits;
import org.distdata.web.json.JsonBodies;
import org.distdata.web.json.JsonOutput;
import org.distdata.web.json.SqlResultJson;
import org.distdata.web.security.ApiRoles;
import org.distdata.security.control.StatementKind;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;
import java.util.List;

/**
 * {@code /api/v1/sql}: run one statement or a batch. Any authenticated user reaches it; the
 * statement then decides the role needed (see {@link StatementKind}, from the classification the engine runs by):
 * reads need reader, DML writer, DDL and anything else admin — a weaker caller gets 403
 * FORBIDDEN before the statement runs. A batch needs the role of its most demanding statement.
 */
@Path("sql")
@ApplicationScoped
@RolesAllowed(ApiRoles.READER)
public class SqlResource {
    @Inject
    SqlBean sqlBean;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run one SQL statement with positional parameters, in an explicit transaction when "
            + "'transactionId' names one")
    @APIResponse(responseCode = "200", description = "result: columns and rows, or updateCount")
    @APIResponse(responseCode = "400", description = "SQL_SYNTAX, SQL_SEMANTIC or BAD_REQUEST")
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the statement needs a stronger role")
    public Response execute(InputStream body, @Context SecurityContext security) {
        JsonObject o = JsonBodies.readObject(body, BodyLimits.MAX_JSON_BYTES);
        SqlStatement statement = SqlRequests.statement(o);
        authorize(security, SqlRequests.kindOf(List.of(statement)));
        String transactionId = SqlRequests.transactionId(o).orElse(null);
        SqlResult result = transactionId == null ? sqlBean.execute(statement)
                : sqlBean.execute(transactionId, security.getUserPrincipal().getName(), statement);
        return Response.ok(JsonOutput.stream(g -> SqlResultJson.write(g, result, transactionId)),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run statements in order; with atomic=true as one transaction (default false)")
    @APIResponse(responseCode = "200", description = "one result per statement")
    public Response batch(InputStream body, @Context SecurityContext security) {
        JsonObject o = JsonBodies.readObject(body, BodyLimits.MAX_JSON_BYTES);
        List<SqlStatement> statements = SqlRequests.batch(o);
        boolean atomic = JsonBodies.optionalBoolean(o, "atomic").orElse(false);
        authorize(security, SqlRequests.kindOf(statements));
        String transactionId = SqlRequests.transactionId(o).orElse(null);
        List<SqlResult> results = transactionId == null ? sqlBean.executeBatch(statements, atomic)
                : sqlBean.executeBatch(transactionId, security.getUserPrincipal().getName(), statements);
        return Response.ok(JsonOutput.stream(g -> {
            g.writeStartObject().writeStartArray("results");
            results.forEach(r -> SqlResultJson.write(g, r));
            g.writeEnd();
            if (transactionId != null) {
                g.write("transactionId", transactionId);
            }
            g.writeEnd();
        }), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static void authorize(SecurityContext security, StatementKind kind) {
        String role = kind.requiredRole().id();
        if (!security.isUserInRole(role)) {
            throw new DistDataException(ErrorCode.FORBIDDEN,
                    "this statement (" + kind.name().toLowerCase() + ") needs role " + role);
        }
    }
}
