package org.distdata.sql.plan;

/**
 * Thrown while planning when a query has a shape the distributed planner does not cover (a
 * view, a set operation, a subquery it cannot turn into a co-located semi-join, ...). Such a
 * query still runs, correctly, in the gateway database; the reason shows in EXPLAIN.
 */
public final class PlannerFallback extends RuntimeException {

    public PlannerFallback(String reason) {
        super(reason, null, false, false);
    }
}
