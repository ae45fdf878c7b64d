package org.distdata.sql.correctness.diff;

import org.distdata.sql.SqlStatement;
import org.distdata.sql.correctness.diff.DiffExpressions.Expr;
import org.distdata.sql.correctness.diff.DiffTable.Column;
import org.distdata.sql.correctness.diff.DiffTable.Kind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates the random SELECTs of the differential stream, one category at a time. Every
 * ORDER BY it writes is total (it ends with a unique column, or orders by every output
 * column of a DISTINCT or GROUP BY), so ordered results can be compared row by row, and
 * OFFSET/FETCH pick the same rows on any correct engine.
 */
final class DiffQueries {
    private final DiffValues v;
    private final DiffExpressions x;
    private final DiffData data;

    DiffQueries(DiffValues values, DiffExpressions expressions, DiffData data) {
        this.v = values;
        this.x = expressions;
        this.data = data;
    }

    DiffOperation next(int index) {
        DiffCategory category = v.pick(List.of(DiffCategory.PROJECTION, DiffCategory.FILTER, DiffCategory.FILTER,
                DiffCategory.POINT_LOOKUP, DiffCategory.POINT_LOOKUP, DiffCategory.ORDER_LIMIT,
                DiffCategory.ORDER_LIMIT, DiffCategory.DISTINCT, DiffCategory.AGGREGATE, DiffCategory.GROUP_BY,
                DiffCategory.GROUP_BY, DiffCategory.COLOCATED_JOIN, DiffCategory.COLOCATED_JOIN,
                DiffCategory.REFERENCE_JOIN, DiffCategory.NON_COLOCATED_JOIN, DiffCategory.SUBQUERY));
        return switch (category) {
            case PROJECTION -> projection(index, false);
            case FILTER -> projection(index, true);
            case POINT_LOOKUP -> pointLookup(index);
            case ORDER_LIMIT -> orderLimit(index);
            case DISTINCT -> distinct(index);
            case AGGREGATE -> aggregate(index);
            case GROUP_BY -> groupBy(index);
            case COLOCATED_JOIN -> colocatedJoin(index);
            case REFERENCE_JOIN -> referenceJoin(index);
            case NON_COLOCATED_JOIN -> nonColocatedJoin(index);
            default -> subquery(index);
        };
    }

    /** The output list being built, remembering which positions are approximate. */
    private static final class SelectList {
        final List<String> items = new ArrayList<>();
        final Set<Integer> approx = new HashSet<>();

        void add(String sql, boolean approximate) {
            if (approximate) {
                approx.add(items.size());
            }
            items.add(sql + " AS e" + (items.size() + 1));
        }

        String sql() {
            return String.join(", ", items);
        }
    }

    private SelectList scalars(List<Column> columns, int n) {
        SelectList list = new SelectList();
        for (int i = 0; i < n; i++) {
            Expr e = x.scalar(v.pick(columns));
            list.add(e.sql(), e.approx());
        }
        return list;
    }

    private DiffOperation op(int index, DiffCategory category, String sql, boolean ordered, Set<Integer> approx,
                             Object... params) {
        return new DiffOperation(index, category, SqlStatement.of(sql, params), ordered, Set.copyOf(approx));
    }

    private DiffTable anyTable() {
        return v.pick(List.of(DiffTable.CUSTOMERS, DiffTable.ORDERS, DiffTable.ORDERS, DiffTable.PAYMENTS,
                DiffTable.REGIONS));
    }

    DiffOperation projection(int index, boolean filtered) {
        DiffTable t = anyTable();
        SelectList select = scalars(t.columns(), v.between(1, 4));
        String where = filtered || v.chance(0.5) ? " WHERE " + x.predicate(t.columns(), filtered ? 2 : 0) : "";
        return op(index, filtered ? DiffCategory.FILTER : DiffCategory.PROJECTION,
                "SELECT " + select.sql() + " FROM " + t.from() + where, false, select.approx);
    }

    DiffOperation pointLookup(int index) {
        DiffTable t = v.pick(DiffTable.DISTRIBUTED);
        Column key = t.column(t.distributionColumn());
        SelectList select = scalars(t.columns(), v.between(1, 3));
        long id = t == DiffTable.PAYMENTS ? v.between(1, (int) data.nextPaymentId + 5) : data.someCustomerId();
        String base = "SELECT " + select.sql() + " FROM " + t.from() + " WHERE ";
        String extra = v.chance(0.3) ? " AND " + x.predicate(t.columns(), 0) : "";
        String order = t == DiffTable.ORDERS ? " ORDER BY " + t.unique() : "";
        return switch (v.between(0, 2)) {
            case 0 -> op(index, DiffCategory.POINT_LOOKUP, base + key.ref() + " = " + id + extra + order,
                    !order.isEmpty(), select.approx);
            case 1 -> op(index, DiffCategory.POINT_LOOKUP, base + key.ref() + " = ?" + extra + order,
                    !order.isEmpty(), select.approx, id);
            default -> op(index, DiffCategory.POINT_LOOKUP, base + key.ref() + " IN (" + id + ", "
                    + data.someCustomerId() + ", ?)" + extra + order, !order.isEmpty(), select.approx,
                    data.someCustomerId());
        };
    }

    DiffOperation orderLimit(int index) {
        DiffTable t = anyTable();
        SelectList select = scalars(t.columns(), v.between(1, 3));
        select.add(t.unique(), false);
        String where = v.chance(0.5) ? " WHERE " + x.predicate(t.columns(), 1) : "";
        List<String> keys = new ArrayList<>();
        int n = v.between(0, 2);
        for (int i = 0; i < n; i++) {
            Column c = v.pick(t.columns());
            keys.add(c.ref() + (v.chance(0.4) ? " DESC" : ""));
        }
        keys.add(t.unique() + (v.chance(0.3) ? " DESC" : ""));
        return op(index, DiffCategory.ORDER_LIMIT, "SELECT " + select.sql() + " FROM " + t.from() + where
                + " ORDER BY " + String.join(", ", keys) + limit(), true, select.approx);
    }

    private String limit() {
        return switch (v.between(0, 3)) {
            case 0 -> "";
            case 1 -> " FETCH FIRST " + v.between(1, 30) + " ROWS ONLY";
            case 2 -> " OFFSET " + v.between(0, 50) + " ROWS FETCH NEXT " + v.between(1, 20) + " ROWS ONLY";
            default -> " OFFSET " + v.between(1, 600) + " ROWS";
        };
    }

    DiffOperation distinct(int index) {
        DiffTable t = anyTable();
        List<Column> columns = t.columns().stream().filter(c -> !c.name().equals(t.uniqueColumn())).toList();
        SelectList select = new SelectList();
        int n = v.between(1, 2);
        for (int i = 0; i < n; i++) {
            Column c = v.pick(columns);
            select.add(c.kind() == Kind.DOUBLE || v.chance(0.6) ? c.ref() : x.scalar(c).sql(), c.approximate());
        }
        String where = v.chance(0.4) ? " WHERE " + x.predicate(t.columns(), 1) : "";
        boolean ordered = v.chance(0.5);
        String order = ordered ? " ORDER BY " + positions(select.items.size()) + (v.chance(0.5) ? limit() : "") : "";
        return op(index, DiffCategory.DISTINCT, "SELECT DISTINCT " + select.sql() + " FROM " + t.from() + where + order,
                ordered, select.approx);
    }

    private static String positions(int n) {
        List<String> p = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            p.add(Integer.toString(i));
        }
        return String.join(", ", p);
    }

    /** An aggregate call over the columns; AVG and anything over DOUBLE is approximate. */
    private Expr aggregateCall(List<Column> columns) {
        Column c = v.pick(columns);
        List<Column> numeric = columns.stream().filter(Column::numeric).toList();
        Column n = v.pick(numeric);
        return switch (v.between(0, 7)) {
            case 0 -> new Expr("COUNT(*)", false);
            case 1 -> new Expr("COUNT(" + c.ref() + ")", false);
            case 2 -> new Expr("COUNT(DISTINCT " + c.ref() + ")", false);
            case 3 -> new Expr("SUM(" + n.ref() + ")", n.approximate());
            case 4 -> new Expr("MIN(" + c.ref() + ")", c.approximate());
            case 5 -> new Expr("MAX(" + c.ref() + ")", c.approximate());
            case 6 -> new Expr("AVG(" + n.ref() + ")", true);
            default -> new Expr(v.chance(0.5) ? "SUM(DISTINCT " + n.ref() + ")" : "MAX(" + n.ref() + ") - MIN("
                    + n.ref() + ")", n.approximate());
        };
    }

    /** Adds n aggregate calls, at most one of them DISTINCT (Derby rejects several). */
    private void addAggregates(SelectList select, List<Column> columns, int n) {
        boolean distinctUsed = false;
        for (int i = 0; i < n; i++) {
            Expr e = aggregateCall(columns);
            boolean distinct = e.sql().contains("DISTINCT");
            if (distinct && distinctUsed) {
                continue;
            }
            distinctUsed |= distinct;
            select.add(e.sql(), e.approx());
        }
    }

    DiffOperation aggregate(int index) {
        DiffTable t = anyTable();
        SelectList select = new SelectList();
        addAggregates(select, t.columns(), v.between(1, 4));
        String where = v.chance(0.6) ? " WHERE " + x.predicate(t.columns(), 1) : "";
        return op(index, DiffCategory.AGGREGATE, "SELECT " + select.sql() + " FROM " + t.from() + where, false,
                select.approx);
    }

    /** Columns with few distinct values, good GROUP BY keys. */
    private static List<Column> groupable(DiffTable t) {
        return t.columns().stream().filter(c -> List.of("name", "city", "region_id", "status", "qty", "method",
                "cust_id", "rname", "odate").contains(c.name())).toList();
    }

    DiffOperation groupBy(int index) {
        DiffTable t = v.pick(List.of(DiffTable.CUSTOMERS, DiffTable.ORDERS, DiffTable.PAYMENTS));
        return grouped(index, DiffCategory.GROUP_BY, t.from(), groupable(t), t.columns(),
                v.chance(0.5) ? " WHERE " + x.predicate(t.columns(), 1) : "");
    }

    private DiffOperation grouped(int index, DiffCategory category, String from, List<Column> keys,
                                  List<Column> measures, String where) {
        SelectList select = new SelectList();
        List<String> groupKeys = new ArrayList<>();
        int k = v.between(1, 2);
        for (int i = 0; i < k; i++) {
            Column c = v.pick(keys);
            if (!groupKeys.contains(c.ref())) {
                groupKeys.add(c.ref());
                select.add(c.ref(), false);
            }
        }
        addAggregates(select, measures, v.between(1, 3));
        String having = v.chance(0.4) ? " HAVING " + v.pick(List.of("COUNT(*) > " + v.between(1, 6),
                "COUNT(*) BETWEEN 2 AND " + v.between(3, 30), "MIN(" + v.pick(measures).ref() + ") IS NOT NULL")) : "";
        boolean ordered = v.chance(0.5);
        String order = ordered ? " ORDER BY " + positions(groupKeys.size()) + (v.chance(0.5) ? limit() : "") : "";
        return op(index, category, "SELECT " + select.sql() + " FROM " + from + where + " GROUP BY "
                + String.join(", ", groupKeys) + having + order, ordered, select.approx);
    }

    private static List<Column> both(DiffTable a, DiffTable b) {
        List<Column> all = new ArrayList<>(a.columns());
        all.addAll(b.columns());
        return all;
    }

    DiffOperation colocatedJoin(int index) {
        DiffTable c = DiffTable.CUSTOMERS;
        DiffTable o = DiffTable.ORDERS;
        String join = v.pick(List.of(" JOIN ", " INNER JOIN ", " LEFT JOIN ", " LEFT OUTER JOIN "));
        String from = c.from() + join + o.from() + " ON c.id = o.cust_id";
        if (join.contains("LEFT") && v.chance(0.3)) {
            from = o.from() + join.replace("LEFT", "RIGHT") + c.from() + " ON o.cust_id = c.id";
        }
        return joined(index, DiffCategory.COLOCATED_JOIN, from, both(c, o), groupable(c), c.unique() + ", " + o.unique());
    }

    DiffOperation referenceJoin(int index) {
        DiffTable left = v.pick(DiffTable.DISTRIBUTED);
        DiffTable r = DiffTable.REGIONS;
        String on = left == DiffTable.CUSTOMERS ? "c.region_id = r.region_id"
                : left == DiffTable.ORDERS ? "MOD(o.qty, 9) = r.region_id" : "MOD(p.pid, 9) = r.region_id";
        if (left == DiffTable.ORDERS && v.chance(0.5)) {
            String from = DiffTable.ORDERS.from() + " JOIN " + DiffTable.CUSTOMERS.from() + " ON o.cust_id = c.id"
                    + v.pick(List.of(" JOIN ", " LEFT JOIN ")) + r.from() + " ON c.region_id = r.region_id";
            List<Column> cols = both(DiffTable.ORDERS, r);
            cols.addAll(DiffTable.CUSTOMERS.columns());
            return joined(index, DiffCategory.REFERENCE_JOIN, from, cols, groupable(r), "o.oid, c.id, r.region_id");
        }
        String from = left.from() + v.pick(List.of(" JOIN ", " LEFT JOIN ")) + r.from() + " ON " + on;
        return joined(index, DiffCategory.REFERENCE_JOIN, from, both(left, r), groupable(r),
                left.unique() + ", r.region_id");
    }

    DiffOperation nonColocatedJoin(int index) {
        DiffTable p = DiffTable.PAYMENTS;
        return switch (v.between(0, 2)) {
            case 0 -> joined(index, DiffCategory.NON_COLOCATED_JOIN, p.from() + v.pick(List.of(" JOIN ", " LEFT JOIN "))
                    + DiffTable.ORDERS.from() + " ON p.order_id = o.oid", both(p, DiffTable.ORDERS),
                    groupable(p), "p.pid, o.oid");
            case 1 -> joined(index, DiffCategory.NON_COLOCATED_JOIN, p.from() + " JOIN " + DiffTable.CUSTOMERS.from()
                    + " ON p.cust_id = c.id", both(p, DiffTable.CUSTOMERS), groupable(DiffTable.CUSTOMERS), "p.pid, c.id");
            default -> joined(index, DiffCategory.NON_COLOCATED_JOIN, DiffTable.ORDERS.from() + " JOIN "
                    + DiffTable.CUSTOMERS.from() + " ON o.qty = c.region_id", both(DiffTable.ORDERS, DiffTable.CUSTOMERS),
                    groupable(DiffTable.ORDERS), "o.oid, c.id");
        };
    }

    /** A join shaped as a projection (optionally ordered and limited) or as a grouped aggregate. */
    private DiffOperation joined(int index, DiffCategory category, String from, List<Column> columns,
                                 List<Column> groupKeys, String uniqueKeys) {
        String where = v.chance(0.5) ? " WHERE " + x.predicate(columns, 1) : "";
        if (v.chance(0.35)) {
            return grouped(index, category, from, groupKeys, columns, where);
        }
        SelectList select = scalars(columns, v.between(1, 4));
        if (v.chance(0.5)) {
            for (String key : uniqueKeys.split(", ")) {
                select.add(key, false);
            }
            return op(index, category, "SELECT " + select.sql() + " FROM " + from + where + " ORDER BY " + uniqueKeys
                    + (v.chance(0.5) ? limit() : ""), true, select.approx);
        }
        return op(index, category, "SELECT " + select.sql() + " FROM " + from + where, false, select.approx);
    }

    DiffOperation subquery(int index) {
        DiffTable c = DiffTable.CUSTOMERS;
        SelectList select = scalars(c.columns(), v.between(1, 3));
        String filter = switch (v.between(0, 5)) {
            case 0 -> "c.id IN (SELECT o.cust_id FROM orders o WHERE " + x.predicate(DiffTable.ORDERS.columns(), 1) + ")";
            case 1 -> "c.id NOT IN (SELECT p.cust_id FROM payments p WHERE p.cust_id IS NOT NULL AND "
                    + x.predicate(DiffTable.PAYMENTS.columns(), 0) + ")";
            case 2 -> "EXISTS (SELECT 1 FROM orders o WHERE o.cust_id = c.id AND "
                    + x.predicate(DiffTable.ORDERS.columns(), 1) + ")";
            case 3 -> "NOT EXISTS (SELECT 1 FROM payments p WHERE p.cust_id = c.id)";
            case 4 -> "c.region_id IN (SELECT r.region_id FROM regions r WHERE "
                    + x.predicate(DiffTable.REGIONS.columns(), 0) + ")";
            default -> "c.balance > (SELECT AVG(o.amount) FROM orders o)";
        };
        if (v.chance(0.2)) {
            return op(index, DiffCategory.SUBQUERY, "SELECT t.city, COUNT(*) AS n FROM (SELECT c.city FROM customers c "
                    + "WHERE " + filter + ") t GROUP BY t.city", false, Set.of());
        }
        return op(index, DiffCategory.SUBQUERY, "SELECT " + select.sql() + " FROM " + c.from() + " WHERE " + filter,
                false, select.approx);
    }
}
