package org.distdata.sql.classify;

/**
 * What running a statement may do to the database, the one fact authorization needs: READ
 * never changes anything (queries, and EXPLAIN of a query); WRITE changes rows only (DML,
 * and EXPLAIN of DML, since EXPLAIN ANALYZE runs it); ADMIN is everything else — schema
 * changes, statistics, transaction control and any statement kind not foreseen — so an
 * unforeseen kind can never pass as a read.
 */
public enum Access {
    READ, WRITE, ADMIN
}
