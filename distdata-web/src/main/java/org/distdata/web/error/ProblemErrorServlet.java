package org.distdata.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.distdata.error.ErrorCode;

/**
 * The error page of the web application (see web.xml): errors the servlet container raises
 * itself — a 403 from a security constraint, a 404 outside JAX-RS, a 500 from a filter —
 * come out as problem+json like every other error of the API.
 */
@WebServlet(name = "ProblemErrorServlet", urlPatterns = "/problem-error")
public class ProblemErrorServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) {
        Object statusAttr = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttr instanceof Integer i ? i : 500;
        ErrorCode code = WebApplicationExceptionMapper.codeFor(status);
        String detail = switch (code) {
            case UNAUTHENTICATED -> "authentication required: 'Authorization: Bearer <token>'";
            case FORBIDDEN -> "your role does not allow this request";
            case NOT_FOUND -> "no resource at " + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            case INTERNAL -> "internal error";
            default -> "request rejected with HTTP status " + status;
        };
        ProblemWriter.write(resp, code, status, detail);
    }
}
