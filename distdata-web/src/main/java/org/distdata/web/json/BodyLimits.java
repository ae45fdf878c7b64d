package org.distdata.web.json;

/** Size limits of request bodies (API.md, "SQL text size limits"): beyond them, 413 PAYLOAD_TOO_LARGE. */
public final class BodyLimits {
    /** Longest SQL text of one statement, in characters. */
    public static final int MAX_SQL_CHARS = 1024 * 1024;
    /** Largest JSON request body, in bytes. */
    public static final long MAX_JSON_BYTES = 16L * 1024 * 1024;

    private BodyLimits() {
    }
}
