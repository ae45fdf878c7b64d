package org.distdata.error;

import jakarta.ejb.ApplicationException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type the engine throws towards clients. It carries an {@link ErrorCode}
 * (which decides the HTTP status and problem code), a human detail, and optional extra
 * members that the problem+json body includes verbatim (for example the failing CSV line).
 *
 * <p>For the container it is an application exception, subclasses included: it leaves a bean
 * as thrown, not wrapped in an {@code EJBException} and logged as a system failure (ADR 0012).
 * The annotation is the one container import here; outside a container it is inert.
 */
@ApplicationException(rollback = false, inherited = true)
public class DistDataException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> extensions;

    public DistDataException(ErrorCode code, String detail) {
        this(code, detail, null, Map.of());
    }

    public DistDataException(ErrorCode code, String detail, Throwable cause) {
        this(code, detail, cause, Map.of());
    }

    public DistDataException(ErrorCode code, String detail, Throwable cause, Map<String, Object> extensions) {
        super(detail, cause);
        this.code = code;
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static DistDataException notSupported(String what) {
        return new DistDataException(ErrorCode.SQL_SEMANTIC, "not supported yet: " + what);
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra problem members, e.g. {@code line} and {@code rowsImported} for a failed import. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
