package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import org.distdata.partition.ColumnDef;
import org.distdata.sql.route.Constants;
import org.distdata.sql.route.PartitionPruner;

import java.util.BitSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Which partitions a fragment must run on. A fragment over reference tables only runs on
 * partition 0 (every partition holds a copy); otherwise each constraint {@code key IN
 * (values)} on a distribution column keeps only the partitions its values hash to, and
 * several constraints intersect. Values may be parameters, so the set is computed per
 * execution.
 */
public record PartitionFilter(int partitionCount, boolean referenceOnly, List<KeyConstraint> constraints) {

    /** The distribution column {@code key} equals one of {@code values} (literals or parameters). */
    public record KeyConstraint(String table, ColumnDef key, List<Expression> values) {
    }

    public BitSet partitions(List<Object> params, PartitionPruner pruner) {
        BitSet result = new BitSet();
        if (referenceOnly) {
            result.set(0);
            return result;
        }
        result.set(0, partitionCount);
        for (KeyConstraint c : constraints) {
            BitSet allowed = new BitSet();
            boolean known = true;
            for (Expression v : c.values()) {
                var value = Constants.value(v, params);
                if (value.isEmpty()) {
                    known = false;
                    break;
                }
                if (value.get() == Constants.NULL) {
                    continue; // key = NULL matches no row
                }
                OptionalInt p = pruner.partitionOfValue(c.key(), value.get());
                if (p.isEmpty()) {
                    known = false;
                    break;
                }
                allowed.set(p.getAsInt());
            }
            if (known) {
                result.and(allowed);
            }
        }
        if (result.isEmpty()) {
            result.set(0); // no row can match; one partition still reports the result's shape
        }
        return result;
    }

    /** For EXPLAIN: "all 16", "reference copy on 0", or the constraints that prune. */
    public String describe(List<Object> params, PartitionPruner pruner) {
        if (referenceOnly) {
            return "1 (reference copy on partition 0)";
        }
        BitSet p = partitions(params, pruner);
        if (constraints.isEmpty()) {
            return "all " + partitionCount;
        }
        String by = constraints.stream().map(c -> c.table() + "." + c.key().name()).distinct()
                .collect(Collectors.joining(", "));
        return p.cardinality() == partitionCount ? "all " + partitionCount
                : p.cardinality() + " of " + partitionCount + " " + p + " (pruned on " + by + ")";
    }
}
