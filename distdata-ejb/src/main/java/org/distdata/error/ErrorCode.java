package org.distdata.error;

/**
 * The error codes of the public API (API.md, "Errors"): each code fixes its HTTP status,
 * its human title and whether a client may retry. This is the one place they are mapped.
 */
public enum ErrorCode {
    SQL_SYNTAX(400, "Syntax error", false),
    SQL_SEMANTIC(400, "Semantic error", false),
    BAD_REQUEST(400, "Bad request", false),
    CONSTRAINT_VIOLATION(409, "Constraint violation", false),
    TXN_CONFLICT(409, "Transaction conflict", true),
    TXN_NOT_FOUND(404, "Transaction not found", false),
    NOT_FOUND(404, "Not found", false),
    MISDIRECTED(421, "Misdirected request", false),
    PAYLOAD_TOO_LARGE(413, "Payload too large", false),
    UNAUTHENTICATED(401, "Unauthenticated", false),
    FORBIDDEN(403, "Forbidden", false),
    RATE_LIMITED(429, "Too many requests", true),
    NO_QUORUM(503, "No quorum", true),
    NODE_UNAVAILABLE(503, "Node unavailable", true),
    TIMEOUT(504, "Timeout", true),
    INTERNAL(500, "Internal error", false);

    private final int status;
    private final String title;
    private final boolean retryable;

    ErrorCode(int status, String title, boolean retryable) {
        this.status = status;
        this.title = title;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public boolean retryable() {
        return retryable;
    }
}
