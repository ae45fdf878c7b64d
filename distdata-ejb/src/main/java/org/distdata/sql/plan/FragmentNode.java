package org.distdata.sql.plan;

import java.util.List;

/**
 * SQL that runs on each chosen partition (as written by the planner, with the client's
 * parameters re-numbered in {@code parameters}), producing one part of a relation per
 * partition. {@code rowIdOrder}: the last column is the hidden row id, parts are merged in
 * its order (insertion order, as one Derby table returns its rows) and it is dropped.
 */
public record FragmentNode(String name, String sql, List<Integer> parameters, PartitionFilter partitions,
                           String description, boolean rowIdOrder, double estimatedRows, double estimatedCost)
        implements PlanNode {
}
