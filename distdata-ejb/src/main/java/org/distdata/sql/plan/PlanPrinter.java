package org.distdata.sql.plan;

import org.distdata.sql.route.PartitionPruner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a distributed plan as EXPLAIN rows, root first, children indented: each node with
 * its operation, details (strategy, partitions, SQL), estimated rows and cost, and, for
 * EXPLAIN ANALYZE, what it actually did.
 */
public final class PlanPrinter {

    /** One EXPLAIN row. {@code actual} is null for plain EXPLAIN. */
    public record Line(String node, String operation, String detail, double estimatedRows, double estimatedCost,
                       String actual) {
    }

    private PlanPrinter() {
    }

    public static List<Line> lines(DistributedPlan plan, List<Object> params, PartitionPruner pruner,
                                   Function<String, String> actuals) {
        List<Line> out = new ArrayList<>();
        if (plan.finalStage() != null) {
            FinalStage f = plan.finalStage();
            out.add(new Line("final", "GATEWAY FINAL STAGE", f.description() + "; " + f.sql(), f.estimatedRows(),
                    plan.estimatedCost(), actuals.apply("final")));
            add(plan.input(), 1, params, pruner, actuals, out);
        } else {
            out.add(new Line("gather", "GATHER", "rows of every partition returned as they come",
                    plan.estimatedRows(), plan.estimatedCost(), null));
            add(plan.input(), 1, params, pruner, actuals, out);
        }
        return out;
    }

    private static void add(PlanNode node, int depth, List<Object> params, PartitionPruner pruner,
                            Function<String, String> actuals, List<Line> out) {
        String indent = "  ".repeat(depth);
        if (node instanceof FragmentNode f) {
            out.add(new Line(f.name(), indent + "FRAGMENT", f.description() + "; partitions: "
                    + f.partitions().describe(params, pruner) + "; " + f.sql(), f.estimatedRows(),
                    f.estimatedCost(), actuals.apply(f.name())));
        } else {
            JoinNode j = (JoinNode) node;
            String how = j.strategy() == JoinStrategy.BROADCAST ? "build side " + j.build().name() + " broadcast to every part of "
                    + j.probe().name() : "both sides repartitioned on the join key";
            String kind = switch (j.kind()) {
                case SEMI -> "HASH SEMI JOIN ";
                case ANTI -> "HASH ANTI JOIN ";
                case NULL_AWARE_ANTI -> "HASH ANTI JOIN (NOT IN) ";
                default -> "HASH JOIN ";
            };
            out.add(new Line(j.name(), indent + kind + j.strategy(), j.condition() + "; " + how,
                    j.estimatedRows(), j.estimatedCost(), actuals.apply(j.name())));
            add(j.probe(), depth + 1, params, pruner, actuals, out);
            add(j.build(), depth + 1, params, pruner, actuals, out);
        }
    }

    /** Describes the strategies used, for tests and logs: e.g. {@code [J1=BROADCAST]}. */
    public static Map<String, JoinStrategy> strategies(DistributedPlan plan) {
        Map<String, JoinStrategy> out = new java.util.LinkedHashMap<>();
        collect(plan.input(), out);
        return out;
    }

    private static void collect(PlanNode node, Map<String, JoinStrategy> out) {
        if (node instanceof JoinNode j) {
            out.put(j.name(), j.strategy());
            collect(j.probe(), out);
            collect(j.build(), out);
        }
    }
}
