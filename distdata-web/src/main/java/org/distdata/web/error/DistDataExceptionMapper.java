package org.distdata.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.distdata.error.DistDataException;

/** Engine errors become problem+json with the status and code API.md assigns. */
@Provider
public class DistDataExceptionMapper implements ExceptionMapper<DistDataException> {
    @Override
    public Response toResponse(DistDataException e) {
        return Problem.response(e);
    }
}
