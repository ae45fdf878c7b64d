package org.distdata.security.control;

import org.distdata.security.entity.Role;
import org.distdata.sql.classify.Access;
import org.distdata.sql.classify.StatementClassifier;

/**
 * What a SQL statement does, as far as authorization cares (the API and the console use the
 * same rules), and the least role allowed to run it. The statement's {@link Access}, from the
 * classification the engine dispatches on, decides it: reads (queries, EXPLAIN of a query)
 * need reader; data changes (INSERT, UPDATE, DELETE, MERGE) need writer; everything else —
 * DDL (CREATE, DROP, ALTER, RENAME, TRUNCATE), ANALYZE, GRANT/REVOKE and any kind not
 * foreseen — needs admin.
 */
public enum StatementKind {
    READ(Role.READER, "queries"),
    WRITE(Role.WRITER, "data changes (INSERT, UPDATE, DELETE, MERGE)"),
    ADMIN(Role.ADMIN, "schema and administrative statements");

    private final Role requiredRole;
    private final String description;

    StatementKind(Role requiredRole, String description) {
        this.requiredRole = requiredRole;
        this.description = description;
    }

    /**
     * The kind of one statement; throws the classification's SQL_SYNTAX (or PAYLOAD_TOO_LARGE)
     * for text that is no statement, before anything runs.
     */
    public static StatementKind of(String sql) {
        return of(StatementClassifier.classify(sql).access());
    }

    public static StatementKind of(Access access) {
        return switch (access) {
            case READ -> READ;
            case WRITE -> WRITE;
            case ADMIN -> ADMIN;
        };
    }

    public Role requiredRole() {
        return requiredRole;
    }

    /** What such statements are, for messages: "queries", "data changes (...)", ... */
    public String description() {
        return description;
    }
}
