package org.distdata.web.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.distdata.error.ErrorCode;

import java.util.Map;

/**
 * JAX-RS's own errors (unknown path, wrong method, unsupported media type, unparseable
 * parameters) as problem+json. They keep their HTTP status; the code is the closest of
 * API.md: NOT_FOUND for 404, PAYLOAD_TOO_LARGE for 413, UNAUTHENTICATED/FORBIDDEN for
 * 401/403, BAD_REQUEST for every other client error and INTERNAL for server errors.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ErrorCode code = codeFor(status);
        String detail = code == ErrorCode.INTERNAL ? "internal error" : e.getMessage();
        return Problem.response(code, status, detail, Map.of());
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.NODE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
    }
}
