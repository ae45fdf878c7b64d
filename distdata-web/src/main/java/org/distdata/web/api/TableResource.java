package org.distdata.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.distdata.catalog.TableDetails;
import org.distdata.catalog.TableSummary;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.load.ImportResult;
import org.distdata.meta.boundary.MetaGroupBean;
import org.distdata.sql.boundary.SqlBean;
import org.distdata.web.json.JsonOutput;
import org.distdata.web.security.ApiRoles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /api/v1/tables}: the catalog (reader) and CSV bulk import into a table (writer). The
 * import streams the request body into the engine's importer: nothing is buffered here, and
 * there is no body size limit.
 */
@Path("tables")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TableResource {
    @Inject
    MetaGroupBean metaGroup;

    @Inject
    SqlBean sqlBean;

    @GET
    @RolesAllowed(ApiRoles.READER)
    @Operation(summary = "List tables: name, kind, distribution column, row estimate")
    public JsonArray list() {
        JsonArrayBuilder a = JsonOutput.BUILDERS.createArrayBuilder();
        for (TableSummary t : metaGroup.tables()) {
            JsonObjectBuilder o = JsonOutput.BUILDERS.createObjectBuilder()
                    .add("name", t.name())
                    .add("kind", t.kind().name());
            addNullable(o, "distributionColumn", t.distributionColumn());
            a.add(o.add("rowEstimate", t.rowEstimate()));
        }
        return a.build();
    }

    @GET
    @Path("{table}")
    @RolesAllowed(ApiRoles.READER)
    @Operation(summary = "One table: columns, primary key, distribution, indexes, rows per partition")
    @APIResponse(responseCode = "404", description = "NOT_FOUND: no such table")
    public JsonObject get(@PathParam("table") String table) {
        TableDetails t = metaGroup.table(table)
                .orElseThrow(() -> new DistDataException(ErrorCode.NOT_FOUND, "no table '" + table + "'"));
        JsonArrayBuilder columns = JsonOutput.BUILDERS.createArrayBuilder();
        t.columns().forEach(c -> columns.add(JsonOutput.BUILDERS.createObjectBuilder()
                .add("name", c.name()).add("type", c.type()).add("nullable", c.nullable())));
        JsonArrayBuilder partitions = JsonOutput.BUILDERS.createArrayBuilder();
        t.partitions().forEach(p -> partitions.add(JsonOutput.BUILDERS.createObjectBuilder()
                .add("partition", p.partition()).add("rows", p.rows())));
        JsonObjectBuilder o = JsonOutput.BUILDERS.createObjectBuilder()
                .add("name", t.name())
                .add("kind", t.kind().name())
                .add("columns", columns)
                .add("primaryKey", strings(t.primaryKey()));
        addNullable(o, "distributionColumn", t.distributionColumn());
        return o.add("indexes", strings(t.indexes()))
                .add("rowEstimate", t.rowEstimate())
                .add("partitions", partitions)
                .build();
    }

    @POST
    @Path("{table}/import")
    @Consumes("text/csv")
    @RolesAllowed(ApiRoles.WRITER)
    @Operation(summary = "Bulk load CSV (header row = column names); atomic per batch")
    @APIResponse(responseCode = "200", description = "rowsImported and elapsedMs")
    @APIResponse(responseCode = "400", description = "a bad line: 'line' and 'rowsImported' say where and how much was loaded")
    public JsonObject importCsv(@PathParam("table") String table, InputStream body,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        Reader csv = new BufferedReader(new InputStreamReader(body, charset(contentType)), 64 * 1024);
        ImportResult r = sqlBean.importCsv(table, csv);
        return JsonOutput.BUILDERS.createObjectBuilder()
                .add("rowsImported", r.rowsImported())
                .add("elapsedMs", Math.round(r.elapsedMs() * 1000) / 1000.0)
                .build();
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            String charset = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
            if (charset != null) {
                try {
                    return Charset.forName(charset);
                } catch (IllegalArgumentException e) {
                    throw new DistDataException(ErrorCode.BAD_REQUEST, "unknown charset '" + charset + "'");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = JsonOutput.BUILDERS.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static void addNullable(JsonObjectBuilder o, String name, String value) {
        if (value == null) {
            o.addNull(name);
        } else {
            o.add(name, value);
        }
    }
}
