package org.distdata.sql.classify;

/**
 * The head of a DDL statement of a form the engine runs, read from its first words:
 * {@code CREATE TABLE name (...) [placement]}, {@code CREATE [UNIQUE] INDEX name ON table (...)},
 * {@code CREATE VIEW name ...}, {@code DROP TABLE|INDEX|VIEW name} and
 * {@code TRUNCATE TABLE name}. {@code table} is an index's table (else null); {@code placement}
 * is what a CREATE TABLE asked for through DistData's extensions ({@link Placement#DEFAULT}
 * otherwise).
 */
public record SchemaChange(Verb verb, ObjectKind object, ObjectName name, ObjectName table, boolean unique,
                           Placement placement) {
    public enum Verb { CREATE, DROP, TRUNCATE }

    public enum ObjectKind { TABLE, INDEX, VIEW }
}
