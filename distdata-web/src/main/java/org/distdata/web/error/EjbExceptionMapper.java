package org.distdata.web.error;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.distdata.error.DistDataException;

/**
 * The EJB container wraps a runtime exception thrown by a bean method in an
 * {@link EJBException}; an engine error inside keeps its own problem code.
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {
    private final UnexpectedExceptionMapper unexpected = new UnexpectedExceptionMapper();

    @Override
    public Response toResponse(EJBException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DistDataException dd) {
                return Problem.response(dd);
            }
        }
        return unexpected.toResponse(e);
    }
}
