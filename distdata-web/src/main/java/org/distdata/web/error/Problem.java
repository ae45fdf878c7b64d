package org.distdata.web.error;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.web.json.JsonOutput;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The RFC 9457 problem body of API.md ({@code type, title, status, code, detail, retryable}
 * plus extension members), in one place for JAX-RS mappers, filters, the authentication
 * mechanism and the servlet error page.
 */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType JAX_RS_TYPE = MediaType.valueOf(MEDIA_TYPE);

    private Problem() {
    }

    public static JsonObject json(ErrorCode code, String detail, Map<String, Object> extensions) {
        return json(code, code.status(), detail, extensions);
    }

    /** A problem whose HTTP status differs from the code's usual one (e.g. 405 reported as BAD_REQUEST). */
    public static JsonObject json(ErrorCode code, int status, String detail, Map<String, Object> extensions) {
        JsonObjectBuilder b = JsonOutput.BUILDERS.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", code.title())
                .add("status", status)
                .add("code", code.name())
                .add("detail", detail == null ? code.title() : detail)
                .add("retryable", code.retryable());
        extensions.forEach((k, v) -> addValue(b, k, v));
        return b.build();
    }

    public static Response response(DistDataException e) {
        return response(e.code(), e.code().status(), e.detail(), e.extensions());
    }

    public static Response response(ErrorCode code, String detail) {
        return response(code, code.status(), detail, Map.of());
    }

    public static Response response(ErrorCode code, int status, String detail, Map<String, Object> extensions) {
        Response.ResponseBuilder r = Response.status(status).type(JAX_RS_TYPE)
                .entity(json(code, status, detail, extensions).toString());
        Object retryAfter = extensions.get("retryAfterSeconds");
        if (retryAfter != null) {
            r.header("Retry-After", retryAfter.toString());
        }
        if (code == ErrorCode.UNAUTHENTICATED) {
            r.header("WWW-Authenticate", "Bearer");
        }
        return r.build();
    }

    private static void addValue(JsonObjectBuilder b, String k, Object v) {
        if (v == null) {
            b.addNull(k);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            b.add(k, ((Number) v).longValue());
        } else if (v instanceof BigDecimal bd) {
            b.add(k, bd);
        } else if (v instanceof Number n) {
            b.add(k, n.doubleValue());
        } else if (v instanceof Boolean bool) {
            b.add(k, bool);
        } else {
            b.add(k, v.toString());
        }
    }
}
