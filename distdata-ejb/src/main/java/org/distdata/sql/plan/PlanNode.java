package org.distdata.sql.plan;

/**
 * A node of a distributed plan: a {@link FragmentNode} that runs SQL on partitions, or a
 * {@link JoinNode} that joins two inputs at the gateway after an exchange. Estimates come
 * from the {@link CostModel}.
 */
public sealed interface PlanNode permits FragmentNode, JoinNode {

    String name();

    double estimatedRows();

    /** Estimated cost of this node and everything below it. */
    double estimatedCost();
}
