package org.distdata.sql.classify;

/** A possibly schema-qualified name as the statement wrote it (quotes kept); {@code schema} is null when absent. */
public record ObjectName(String schema, String name) {
}
