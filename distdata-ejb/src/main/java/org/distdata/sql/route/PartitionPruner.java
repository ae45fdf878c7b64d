package org.distdata.sql.route;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import org.distdata.catalog.SqlNames;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.HashPartitioner;
import org.distdata.partition.KeyEncoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides whether a statement's distributed tables are all pinned to one partition by its
 * equality predicates: {@code key = constant}, or {@code a.key = b.key} between co-located
 * tables one of which is pinned. Only top-level conjuncts count, so a pin is never taken
 * from under an OR or a NOT.
 */
public final class PartitionPruner {
    private final HashPartitioner partitioner;

    public PartitionPruner(HashPartitioner partitioner) {
        this.partitioner = partitioner;
    }

    /**
     * The single partition that can hold every matching row, if the predicates prove one.
     * Reference tables in {@code occurrences} are ignored: every partition has them.
     */
    public OptionalInt singlePartition(List<TableOccurrence> occurrences, List<Expression> predicates,
                                       List<Object> params) {
        List<TableOccurrence> distributed = occurrences.stream().filter(o -> o.table().isDistributed()).toList();
        if (distributed.isEmpty()) {
            return OptionalInt.empty();
        }
        int n = distributed.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<Integer, Integer> pins = new HashMap<>(); // occurrence -> partition
        boolean contradictory = false;
        for (Expression predicate : predicates) {
            for (Expression c : conjuncts(predicate)) {
                if (!(c instanceof EqualsTo eq)) {
                    continue;
                }
                int left = keyOccurrence(eq.getLeftExpression(), distributed, occurrences);
                int right = keyOccurrence(eq.getRightExpression(), distributed, occurrences);
                if (left >= 0 && right >= 0) {
                    if (sameFamily(distributed.get(left), distributed.get(right))) {
                        parent[find(parent, left)] = find(parent, right);
                    }
                } else if (left >= 0 || right >= 0) {
                    int occ = left >= 0 ? left : right;
                    Expression other = left >= 0 ? eq.getRightExpression() : eq.getLeftExpression();
                    OptionalInt p = partitionOf(distributed.get(occ), other, params);
                    if (p.isPresent()) {
                        Integer previous = pins.put(occ, p.getAsInt());
                        contradictory |= previous != null && previous != p.getAsInt();
                    }
                }
            }
        }
        if (contradictory) {
            return OptionalInt.empty(); // no row matches; let the general path say so
        }
        Integer partition = null;
        Map<Integer, Integer> classPin = new HashMap<>();
        for (var pin : pins.entrySet()) {
            int root = find(parent, pin.getKey());
            Integer prev = classPin.put(root, pin.getValue());
            if (prev != null && !prev.equals(pin.getValue())) {
                return OptionalInt.empty();
            }
        }
        for (int i = 0; i < n; i++) {
            Integer p = classPin.get(find(parent, i));
            if (p == null || (partition != null && !partition.equals(p))) {
                return OptionalInt.empty();
            }
            partition = p;
        }
        return OptionalInt.of(partition);
    }

    /** The partition a constant distribution-key value of {@code occurrence} lives in. */
    public OptionalInt partitionOf(TableOccurrence occurrence, Expression valueExpression, List<Object> params) {
        Optional<Object> value = Constants.value(valueExpression, params);
        if (value.isEmpty() || value.get() == Constants.NULL) {
            return OptionalInt.empty();
        }
        return partitionOfValue(occurrence.table().distributionColumnDef(), value.get());
    }

    public OptionalInt partitionOfValue(ColumnDef keyColumn, Object value) {
        return KeyEncoder.encode(value == Constants.NULL ? null : value, KeyEncoder.family(keyColumn.jdbcType()))
                .map(b -> OptionalInt.of(partitioner.partitionOf(b))).orElse(OptionalInt.empty());
    }

    /** Splits an expression into its top-level AND-ed parts. */
    public static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expression e, List<Expression> out) {
        if (e == null) {
            return;
        }
        if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
            collect(p.get(0), out);
        } else if (e instanceof AndExpression and) {
            collect(and.getLeftExpression(), out);
            collect(and.getRightExpression(), out);
        } else {
            out.add(e);
        }
    }

    /** Index in {@code distributed} of the occurrence whose distribution column {@code e} names, or -1. */
    private static int keyOccurrence(Expression e, List<TableOccurrence> distributed, List<TableOccurrence> all) {
        if (!(e instanceof Column col)) {
            return -1;
        }
        String name = SqlNames.normalize(col.getColumnName());
        TableOccurrence owner = null;
        if (col.getTable() != null && col.getTable().getName() != null) {
            String ref = SqlNames.normalize(col.getTable().getName());
            for (TableOccurrence o : all) {
                if (o.reference().equals(ref)) {
                    owner = o;
                }
            }
        } else {
            for (TableOccurrence o : all) {
                if (o.table().column(name).isPresent()) {
                    if (owner != null) {
                        return -1; // ambiguous
                    }
                    owner = o;
                }
            }
        }
        if (owner == null || !owner.table().isDistributed()
                || !owner.table().distributionColumnDef().name().equals(name)) {
            return -1;
        }
        return distributed.indexOf(owner);
    }

    private static boolean sameFamily(TableOccurrence a, TableOccurrence b) {
        return KeyEncoder.family(a.table().distributionColumnDef().jdbcType())
                == KeyEncoder.family(b.table().distributionColumnDef().jdbcType());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
