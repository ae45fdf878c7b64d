package org.distdata.sql.correctness.diff;

/**
 * What a generated operation exercises. For the categories marked {@code mayBeUnsupported}
 * (joins that are not co-located, subqueries) the engine may answer SQL_SEMANTIC
 * "not supported yet"; for every other category that answer is a failure. A wrong result is
 * a failure in every category.
 */
public enum DiffCategory {
    PROJECTION(false),
    FILTER(false),
    POINT_LOOKUP(false),
    ORDER_LIMIT(false),
    DISTINCT(false),
    AGGREGATE(false),
    GROUP_BY(false),
    COLOCATED_JOIN(false),
    REFERENCE_JOIN(false),
    NON_COLOCATED_JOIN(true),
    SUBQUERY(true),
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
}
