package org.distdata.sql.plan;

/**
 * An equi-join of two inputs whose matching rows live in different partitions: INNER, or
 * the SEMI/ANTI/NULL_AWARE_ANTI join of an IN/EXISTS subquery (probe columns only). With
 * {@link JoinStrategy#BROADCAST} the {@code build} side is copied to every part of the other;
 * with {@link JoinStrategy#REPARTITION} both sides are re-hashed on the key. Output rows are
 * the probe side's columns followed by the build side's.
 */
public record JoinNode(String name, JoinKind kind, PlanNode probe, PlanNode build, JoinStrategy strategy,
                       int[] probeKeys, int[] buildKeys, String condition, double estimatedRows, double estimatedCost)
        implements PlanNode {
}
