package org.distdata.web.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.distdata.error.ErrorCode;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else is a bug or an outage: INTERNAL, with an incident id that is also in the
 * server log next to the stack trace. The client never sees the exception itself.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error, incident " + incident, e);
        return Problem.response(ErrorCode.INTERNAL, ErrorCode.INTERNAL.status(),
                "internal error; incident " + incident + " is in the server log", Map.of("incident", incident));
    }
}
