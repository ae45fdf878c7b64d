package org.distdata.sql.plan;

/**
 * What a join of the plan returns for each row of its left (preserved, probing) side, as the
 * executor's {@code HashJoin} carries it out. The right side is the one hashed; the planner
 * names the kinds after the SQL they implement.
 */
public enum JoinKind {
    /** Left and right columns, for every pair of rows with equal keys. */
    INNER,
    /** As INNER, plus each left row without a match, with NULLs for the right columns. */
    LEFT_OUTER,
    /** Each left row that has a match, once ({@code EXISTS}, {@code IN}); left columns only. */
    SEMI,
    /** Each left row that has no match, a NULL key included ({@code NOT EXISTS}); left columns only. */
    ANTI,
    /**
     * {@code left.k NOT IN (SELECT right.k ...)} on one key column: every left row when the right
     * side is empty; otherwise none when the right side has a NULL key (the IN test is then never
     * false), and else the left rows whose key is neither NULL nor found.
     */
    NULL_AWARE_ANTI
}
