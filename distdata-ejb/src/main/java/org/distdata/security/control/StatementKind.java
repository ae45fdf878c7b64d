package org.distdata.security.control;

import org.distdata.security.entity.Role;

/**
 * What a SQL statement does, as far as authorization cares (the API and the console use the
 * same rules), and the least role allowed to
 * run it: reads (SELECT, VALUES, WITH, EXPLAIN of a read) need reader; data changes
 * (INSERT, UPDATE, DELETE, MERGE) need writer; everything else — DDL (CREATE, DROP, ALTER,
 * RENAME, TRUNCATE), ANALYZE, GRANT/REVOKE and anything unrecognised — needs admin.
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

    public Role requiredRole() {
        return requiredRole;
    }

    /** What such statements are, for messages: "queries", "data changes (...)", ... */
    public String description() {
        return description;
    }
}
