package org.distdata.sql.plan;

/**
 * What the planner decided for one query: the input tree (fragments and gateway joins) and
 * the final stage over its gathered rows, or none when the gathered rows are the result.
 */
public record DistributedPlan(PlanNode input, FinalStage finalStage, double estimatedRows, double estimatedCost) {
}
