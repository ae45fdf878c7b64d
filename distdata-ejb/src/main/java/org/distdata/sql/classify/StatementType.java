package org.distdata.sql.classify;

/**
 * What a statement is, as the engine dispatches it. JSqlParser's tree decides it; only a
 * statement JSqlParser cannot parse is typed by its first word (see {@link StatementClassifier}).
 */
public enum StatementType {
    /** SELECT, VALUES, WITH ... SELECT, set operations: reads rows. */
    QUERY,
    /** INSERT, UPDATE, DELETE, MERGE (and other row-changing forms JSqlParser knows, such as UPSERT). */
    DML,
    /** CREATE, ALTER, DROP, TRUNCATE, RENAME: changes the schema (TRUNCATE empties a table). */
    DDL,
    /** DistData's {@code ANALYZE [[TABLE] name]}: refreshes the planner's statistics. */
    ANALYZE,
    /** {@code EXPLAIN [ANALYZE] statement}: shows (and with ANALYZE runs) the explained statement's plan. */
    EXPLAIN,
    /** COMMIT, ROLLBACK, SAVEPOINT, RELEASE. */
    TRANSACTION_CONTROL,
    /** Anything else JSqlParser recognises (GRANT, REVOKE, CALL, SET, LOCK, DECLARE, SHOW, ...). */
    OTHER
}
