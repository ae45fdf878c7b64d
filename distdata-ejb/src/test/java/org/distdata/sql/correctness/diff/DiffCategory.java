package org.distdata.sql.correctness.diff;

/**
 * What a generated operation exercises. For the categories marked {@code mayBeUnsupported}
 * (joins that are not co-located, subqueries) the engine may answer SQL_SEMANTIC
 * "not supported yet"; for every other category that answer is a failure. A wrong result is
 * a failure in every category. {@link #ANALYZE} runs on DistData only (Derby has no such
 * statement): it must be accepted, and it gives the statements after it statistics to plan
 * with.
 */
public enum DiffCategory {
    PROJECTION(false),
    FILTER(false),
    /** Single table, distribution key pinned by {@code = ?}, {@code IN (?, ...)}, {@code OR}. */
    POINT_LOOKUP(false),
    /** Co-located (and reference) join with the distribution key pinned, e.g. {@code c.id IN (?, ?)}. */
    PRUNED_JOIN(false),
    ORDER_LIMIT(false),
    /** ORDER BY a non-key value, then keys, with FETCH/OFFSET, over joins and aggregates. */
    TOP_N(false),
    DISTINCT(false),
    /** Aggregates without GROUP BY, also over filters that match nothing. */
    AGGREGATE(false),
    GROUP_BY(false),
    COLOCATED_JOIN(false),
    REFERENCE_JOIN(false),
    NON_COLOCATED_JOIN(true),
    /** Three or four tables, only co-located and reference joins among them. */
    MULTI_JOIN(false),
    /** Three or four tables, at least one join not co-located. */
    MULTI_JOIN_NON_COLOCATED(true),
    /** Joins on columns with NULLs and duplicates (many-to-many), also INT against BIGINT. */
    MANY_TO_MANY_JOIN(true),
    /** IN / NOT IN (subquery), scalar subqueries, derived tables. */
    SUBQUERY(true),
    /** EXISTS / NOT EXISTS, correlated by equality or uncorrelated. */
    EXISTS_SUBQUERY(true),
    ANALYZE(false),
    INSERT(false),
    UPDATE(false),
    DELETE(false);

    private final boolean mayBeUnsupported;

    DiffCategory(boolean mayBeUnsupported) {
        this.mayBeUnsupported = mayBeUnsupported;
    }

    public boolean mayBeUnsupported() {
        return mayBeUnsupported;
    }

    public boolean isDml() {
        return this == INSERT || this == UPDATE || this == DELETE;
    }

    /** A SELECT compared against Derby (not DML, not ANALYZE). */
    public boolean isQuery() {
        return !isDml() && this != ANALYZE;
    }

    /** Must run again before a replayed operation: it changes the data or the statistics. */
    public boolean changesState() {
        return !isQuery();
    }
}
