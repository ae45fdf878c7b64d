package org.distdata.sql.correctness.diff;

import org.distdata.sql.correctness.diff.DiffJoins.From;
import org.distdata.sql.correctness.diff.DiffTable.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates joins of three and four tables that mix co-located, reference and non-co-located
 * joins, inner and LEFT, written as a {@code JOIN ... ON} chain, as a comma list with the
 * conditions in WHERE, or as a chain followed by comma items; and many-to-many joins on
 * columns with NULLs and duplicates, some of them INT against BIGINT. Sizes are kept in
 * check by a key range where a join would otherwise produce thousands of rows.
 */
final class DiffMultiJoins {
    private static final DiffTable C = DiffTable.CUSTOMERS;
    private static final DiffTable O = DiffTable.ORDERS;
    private static final DiffTable P = DiffTable.PAYMENTS;
    private static final DiffTable R = DiffTable.REGIONS;

    private static final String CO = "c.id = o.cust_id";
    private static final String CR = "c.region_id = r.region_id";
    private static final String OR = "o.qty = r.region_id";
    private static final String OP = "p.order_id = o.oid";
    private static final String CP = "p.cust_id = c.id";
    private static final String PR = "MOD(p.pid, 9) = r.region_id";

    /** A table joined to the ones before it by {@code on}; {@code local} if co-located or reference. */
    private record Step(DiffTable table, String on, boolean local) {
    }

    private static Step first(DiffTable t) {
        return new Step(t, null, true);
    }

    private static Step step(DiffTable t, String on, boolean local) {
        return new Step(t, on, local);
    }

    private static final List<List<Step>> SHAPES = List.of(
            List.of(first(C), step(O, CO, true), step(R, CR, true)),
            List.of(first(O), step(C, CO, true), step(R, CR, true)),
            List.of(first(R), step(C, CR, true), step(O, CO, true)),
            List.of(first(C), step(O, CO, true), step(R, OR, true)),
            List.of(first(C), step(O, CO, true), step(P, OP, false)),
            List.of(first(P), step(O, OP, false), step(C, CO, true)),
            List.of(first(C), step(P, CP, false), step(R, PR, true)),
            List.of(first(C), step(O, CO, true), step(R, CR, true), step(P, OP, false)),
            List.of(first(R), step(C, CR, true), step(O, CO, true), step(P, CP, false)),
            List.of(first(O), step(C, CO, true), step(P, OP, false), step(R, CR, true)));

    private final DiffClauses k;
    private final DiffValues v;
    private final DiffJoins joins;

    DiffMultiJoins(DiffClauses clauses, DiffJoins joins) {
        this.k = clauses;
        this.v = clauses.v;
        this.joins = joins;
    }

    DiffOperation multi(int index) {
        List<Step> shape = v.pick(SHAPES);
        // how many steps are written as a JOIN chain; the rest are comma items with WHERE conditions
        int chained = switch (v.between(0, 2)) {
            case 0 -> shape.size() - 1;
            case 1 -> 0;
            default -> v.between(1, shape.size() - 2);
        };
        StringBuilder from = new StringBuilder(shape.get(0).table().from());
        List<String> conditions = new ArrayList<>();
        boolean local = true;
        for (int i = 1; i < shape.size(); i++) {
            Step s = shape.get(i);
            local &= s.local();
            String innerBound = k.bound(s.table(), 0.5);
            String on = innerBound == null ? s.on() : s.on() + " AND " + innerBound;
            if (i <= chained) {
                from.append(v.chance(0.35) ? " LEFT JOIN " : v.pick(List.of(" JOIN ", " INNER JOIN ")))
                        .append(s.table().from()).append(" ON ").append(on);
            } else {
                from.append(", ").append(s.table().from());
                conditions.add(on);
            }
        }
        // bound the first table (the preserved side of any LEFT JOIN), or customers after regions
        String bound = k.bound(shape.get(0).table() == R ? C : shape.get(0).table(), DiffJoins.BOUND);
        if (bound != null) {
            conditions.add(bound);
        }
        DiffTable[] tables = shape.stream().map(Step::table).toArray(DiffTable[]::new);
        List<Column> groupKeys = new ArrayList<>();
        for (DiffTable t : tables) {
            if (t == C || t == R) {
                groupKeys.addAll(DiffAggregates.groupable(t));
            }
        }
        return joins.joined(index, local ? DiffCategory.MULTI_JOIN : DiffCategory.MULTI_JOIN_NON_COLOCATED,
                new From(from.toString(), conditions), DiffJoins.columnsOf(tables), groupKeys,
                DiffJoins.uniqueKeys(tables), List.of());
    }

    /** Joins where both sides repeat values and hold NULLs; two of them compare INT with BIGINT. */
    DiffOperation manyToMany(int index) {
        DiffTable c2 = C.as("c2");
        int lo = v.between(1, 300);
        String range = " BETWEEN " + lo + " AND " + (lo + v.between(20, 60));
        return switch (v.between(0, 5)) {
            case 0 -> m2m(index, C, c2, "c.city = c2.city AND c2.id" + range, DiffAggregates.groupable(C));
            case 1 -> m2m(index, C, c2, "c.region_id = c2.region_id AND c2.id" + range, DiffAggregates.groupable(C));
            case 2 -> m2m(index, O, P, "o.qty = p.order_id", DiffAggregates.groupable(O));
            case 3 -> m2m(index, C, P, "c.id = p.order_id", DiffAggregates.groupable(C));
            case 4 -> m2m(index, C, O, "c.region_id = o.qty AND o.oid" + range, DiffAggregates.groupable(C));
            default -> m2m(index, P, O, "p.cust_id = o.cust_id AND p.pid" + range, DiffAggregates.groupable(P));
        };
    }

    private DiffOperation m2m(int index, DiffTable a, DiffTable b, String on, List<Column> groupKeys) {
        return joins.joined(index, DiffCategory.MANY_TO_MANY_JOIN, joins.join(a, b, on, true)
                        .bounded(k.bound(a, DiffJoins.BOUND)),
                DiffJoins.columnsOf(a, b), groupKeys, DiffJoins.uniqueKeys(a, b), List.of());
    }
}
