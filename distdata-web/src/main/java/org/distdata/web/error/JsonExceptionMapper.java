package org.distdata.web.error;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.distdata.error.ErrorCode;

/** A body that is not valid JSON is the client's error: BAD_REQUEST. */
@Provider
public class JsonExceptionMapper implements ExceptionMapper<JsonException> {
    @Override
    public Response toResponse(JsonException e) {
        return Problem.response(ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getMessage());
    }
}
