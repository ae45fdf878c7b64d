package org.distdata.sql.correctness.diff;

import org.distdata.sql.correctness.diff.DiffTable.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates two-table joins: co-located (customers with orders on the customer id, and
 * orders with itself), with the reference table, not co-located (payments with orders or
 * customers, orders with customers on non-key columns), co-located joins whose
 * distribution key is pinned by parameters ({@code c.id IN (?, ?)}, {@code o.cust_id = ?}),
 * and top-N over joins. Every join is written both as {@code JOIN ... ON} and as a comma
 * list with the condition in WHERE.
 */
final class DiffJoins {
    /** How often a join's first (preserved) input is cut to a key range; see {@link DiffClauses#bound}. */
    static final double BOUND = 0.9;
    /** How often the inner input is cut too (in the ON clause). */
    static final double INNER_BOUND = 0.4;

    private final DiffClauses k;
    private final DiffValues v;
    private final DiffAggregates aggregates;

    DiffJoins(DiffClauses clauses, DiffAggregates aggregates) {
        this.k = clauses;
        this.v = clauses.v;
        this.aggregates = aggregates;
    }

    static List<Column> columnsOf(DiffTable... tables) {
        List<Column> all = new ArrayList<>();
        for (DiffTable t : tables) {
            all.addAll(t.columns());
        }
        return all;
    }

    static String uniqueKeys(DiffTable... tables) {
        List<String> keys = new ArrayList<>();
        for (DiffTable t : tables) {
            keys.add(t.unique());
        }
        return String.join(", ", keys);
    }

    /**
     * A FROM clause and the conditions that go into WHERE: {@code a JOIN b ON on} (inner or,
     * if allowed, left) or, for inner joins one time in three, {@code a, b WHERE on}.
     */
    record From(String sql, List<String> conditions) {
        From bounded(String condition) {
            if (condition != null) {
                conditions.add(condition);
            }
            return this;
        }

        String where(String extra) {
            List<String> all = new ArrayList<>(conditions);
            if (!extra.isEmpty()) {
                all.add(extra);
            }
            return all.isEmpty() ? "" : " WHERE " + String.join(" AND ", all);
        }
    }

    From join(DiffTable a, DiffTable b, String joinCondition, boolean leftAllowed) {
        // a range on the inner input goes into ON, so a LEFT JOIN still yields NULL-extended rows
        String innerBound = k.bound(b, INNER_BOUND);
        String on = innerBound == null ? joinCondition : joinCondition + " AND " + innerBound;
        if (leftAllowed && v.chance(0.35)) {
            return new From(a.from() + v.pick(List.of(" LEFT JOIN ", " LEFT OUTER JOIN ")) + b.from() + " ON " + on,
                    new ArrayList<>());
        }
        if (v.chance(0.33)) {
            return new From(a.from() + ", " + b.from(), new ArrayList<>(List.of(on)));
        }
        return new From(a.from() + v.pick(List.of(" JOIN ", " INNER JOIN ")) + b.from() + " ON " + on,
                new ArrayList<>());
    }

    DiffOperation colocated(int index) {
        DiffTable c = DiffTable.CUSTOMERS;
        DiffTable o = DiffTable.ORDERS;
        if (v.chance(0.15)) {
            // co-located self-join, many-to-many on the distribution key; always bounded (640 x 640 otherwise)
            DiffTable o2 = o.as("o2");
            From from = join(o, o2, "o.cust_id = o2.cust_id AND o.oid < o2.oid", true).bounded(k.bound(o, 1.0));
            return joined(index, DiffCategory.COLOCATED_JOIN, from, columnsOf(o, o2),
                    DiffAggregates.groupable(o), uniqueKeys(o, o2), List.of());
        }
        From from = join(c, o, "c.id = o.cust_id", true);
        if (v.chance(0.15)) {
            from = new From(o.from() + " RIGHT JOIN " + c.from() + " ON o.cust_id = c.id", new ArrayList<>());
        }
        from.bounded(k.bound(c, BOUND));
        return joined(index, DiffCategory.COLOCATED_JOIN, from, columnsOf(c, o), DiffAggregates.groupable(c),
                uniqueKeys(c, o), List.of());
    }

    /**
     * Co-located joins with the distribution key pinned by parameters, so the planner may
     * prune partitions: mostly on customers' key, sometimes only on orders' (the planner has
     * to carry the pin across {@code c.id = o.cust_id}); one in four adds the reference table.
     */
    DiffOperation pruned(int index) {
        DiffTable c = DiffTable.CUSTOMERS;
        DiffTable o = DiffTable.ORDERS;
        DiffTable r = DiffTable.REGIONS;
        List<Object> params = new ArrayList<>();
        From from;
        List<Column> columns;
        String keys;
        if (v.chance(0.25)) {
            from = v.chance(0.3)
                    ? new From("customers c, orders o, regions r", new ArrayList<>(List.of("c.id = o.cust_id",
                    "c.region_id = r.region_id")))
                    : new From("customers c" + v.pick(List.of(" JOIN ", " LEFT JOIN ")) + "orders o ON c.id = o.cust_id"
                    + v.pick(List.of(" JOIN ", " LEFT JOIN ")) + "regions r ON c.region_id = r.region_id",
                    new ArrayList<>());
            columns = columnsOf(c, o, r);
            keys = uniqueKeys(c, o, r);
        } else {
            from = join(c, o, "c.id = o.cust_id", true);
            columns = columnsOf(c, o);
            keys = uniqueKeys(c, o);
        }
        String pinnedColumn = from.sql().contains("LEFT") || v.chance(0.75) ? "c.id" : "o.cust_id";
        from.conditions().add(k.pinned(pinnedColumn, c, params));
        return joined(index, DiffCategory.PRUNED_JOIN, from, columns, DiffAggregates.groupable(c), keys, params);
    }

    DiffOperation reference(int index) {
        DiffTable left = v.pick(DiffTable.DISTRIBUTED);
        DiffTable r = DiffTable.REGIONS;
        String on = left == DiffTable.CUSTOMERS ? "c.region_id = r.region_id"
                : left == DiffTable.ORDERS ? "MOD(o.qty, 9) = r.region_id" : "MOD(p.pid, 9) = r.region_id";
        if (left == DiffTable.ORDERS && v.chance(0.5)) {
            From co = join(DiffTable.ORDERS, DiffTable.CUSTOMERS, "o.cust_id = c.id", false);
            From from = new From(co.sql() + v.pick(List.of(" JOIN ", " LEFT JOIN ")) + r.from()
                    + " ON c.region_id = r.region_id", co.conditions());
            from.bounded(k.bound(DiffTable.ORDERS, BOUND));
            return joined(index, DiffCategory.REFERENCE_JOIN, from, columnsOf(DiffTable.ORDERS, r, DiffTable.CUSTOMERS),
                    DiffAggregates.groupable(r), "o.oid, c.id, r.region_id", List.of());
        }
        // one side has 8 rows: no bound needed
        return joined(index, DiffCategory.REFERENCE_JOIN, join(left, r, on, true), columnsOf(left, r),
                DiffAggregates.groupable(r), left.unique() + ", r.region_id", List.of());
    }

    DiffOperation nonColocated(int index) {
        DiffTable p = DiffTable.PAYMENTS;
        DiffTable o = DiffTable.ORDERS;
        DiffTable c = DiffTable.CUSTOMERS;
        return switch (v.between(0, 3)) {
            case 0 -> joined(index, DiffCategory.NON_COLOCATED_JOIN, join(p, o, "p.order_id = o.oid", true)
                    .bounded(k.bound(p, BOUND)), columnsOf(p, o), DiffAggregates.groupable(p), "p.pid, o.oid",
                    List.of());
            case 1 -> joined(index, DiffCategory.NON_COLOCATED_JOIN, join(p, c, "p.cust_id = c.id", true)
                    .bounded(k.bound(p, BOUND)), columnsOf(p, c), DiffAggregates.groupable(c), "p.pid, c.id",
                    List.of());
            case 2 -> {
                // pinned on payments' own key, joined across partitions
                List<Object> params = new ArrayList<>();
                From from = join(p, o, "p.order_id = o.oid", true);
                from.conditions().add(k.pinned("p.pid", p, params));
                yield joined(index, DiffCategory.NON_COLOCATED_JOIN, from, columnsOf(p, o), DiffAggregates.groupable(p),
                        "p.pid, o.oid", params);
            }
            default -> joined(index, DiffCategory.NON_COLOCATED_JOIN, join(o, c, "o.qty = c.region_id", false)
                    .bounded(k.bound(o, BOUND)), columnsOf(o, c), DiffAggregates.groupable(o), "o.oid, c.id",
                    List.of());
        };
    }

    /**
     * Top-N over a co-located or reference join: ORDER BY one or two value columns (some
     * DESC, NULLs included), then every table's unique key, then a window that cuts.
     */
    DiffOperation topN(int index) {
        DiffTable c = DiffTable.CUSTOMERS;
        DiffTable o = DiffTable.ORDERS;
        DiffTable r = DiffTable.REGIONS;
        From from;
        List<Column> columns;
        String keys;
        switch (v.between(0, 2)) {
            case 0 -> {
                from = join(c, o, "c.id = o.cust_id", true);
                columns = columnsOf(c, o);
                keys = uniqueKeys(c, o);
            }
            case 1 -> {
                from = join(c, r, "c.region_id = r.region_id", true);
                columns = columnsOf(c, r);
                keys = uniqueKeys(c, r);
            }
            default -> {
                From co = join(o, c, "o.cust_id = c.id", true);
                from = new From(co.sql() + " LEFT JOIN " + r.from() + " ON c.region_id = r.region_id",
                        co.conditions());
                columns = columnsOf(o, c, r);
                keys = uniqueKeys(o, c, r);
            }
        }
        from.bounded(k.bound(from.sql().startsWith("orders") ? o : c, BOUND));
        if (v.chance(0.3)) {
            return aggregates.grouped(index, DiffCategory.TOP_N, from.sql(), DiffAggregates.groupable(c), columns,
                    from.where(v.chance(0.4) ? k.x.predicate(columns, 1) : ""), List.of(), true);
        }
        DiffSelectList select = k.scalars(columns, v.between(1, 3));
        List<String> order = new ArrayList<>();
        int n = v.between(1, 2);
        for (int i = 0; i < n; i++) {
            Column col = v.pick(columns);
            select.add(col.ref(), col.approximate());
            order.add(col.ref() + (v.chance(0.5) ? " DESC" : ""));
        }
        for (String key : keys.split(", ")) {
            select.add(key, false);
            order.add(key + (v.chance(0.2) ? " DESC" : ""));
        }
        String where = from.where(v.chance(0.4) ? k.x.predicate(columns, 1) : "");
        return DiffClauses.op(index, DiffCategory.TOP_N, "SELECT " + select.sql() + " FROM " + from.sql() + where
                + " ORDER BY " + String.join(", ", order) + k.topN(), true, select.approx);
    }

    /** A join shaped as a projection (optionally ordered and windowed) or as a grouped aggregate. */
    DiffOperation joined(int index, DiffCategory category, From from, List<Column> columns, List<Column> groupKeys,
                         String uniqueKeys, List<Object> params) {
        String where = from.where(v.chance(0.5) ? k.x.predicate(columns, 1) : "");
        if (v.chance(0.35)) {
            return aggregates.grouped(index, category, from.sql(), groupKeys, columns, where, params, false);
        }
        DiffSelectList select = k.scalars(columns, v.between(1, 4));
        if (v.chance(0.5)) {
            for (String key : uniqueKeys.split(", ")) {
                select.add(key, false);
            }
            return DiffClauses.op(index, category, "SELECT " + select.sql() + " FROM " + from.sql() + where
                    + " ORDER BY " + uniqueKeys + (v.chance(0.5) ? k.window() : ""), true, select.approx, params);
        }
        return DiffClauses.op(index, category, "SELECT " + select.sql() + " FROM " + from.sql() + where, false,
                select.approx, params);
    }
}
