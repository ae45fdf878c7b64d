package org.distdata.web.error;

import jakarta.servlet.http.HttpServletResponse;
import org.distdata.error.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes a problem+json body on a servlet response, for code that runs outside JAX-RS. */
public final class ProblemWriter {
    private ProblemWriter() {
    }

    public static void write(HttpServletResponse response, ErrorCode code, String detail) {
        write(response, code, code.status(), detail);
    }

    public static void write(HttpServletResponse response, ErrorCode code, int status, String detail) {
        if (response.isCommitted()) {
            return;
        }
        byte[] body = Problem.json(code, status, detail, Map.of()).toString().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        if (code == ErrorCode.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
