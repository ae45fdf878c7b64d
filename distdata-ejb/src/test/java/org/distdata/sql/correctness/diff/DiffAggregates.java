package org.distdata.sql.correctness.diff;

import org.distdata.sql.correctness.diff.DiffExpressions.Expr;
import org.distdata.sql.correctness.diff.DiffTable.Column;
import org.distdata.sql.correctness.diff.DiffTable.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates aggregate queries: global aggregates (also over filters that match nothing, where
 * COUNT must be 0 and SUM NULL), GROUP BY on the distribution key or on other columns, HAVING,
 * and top-N over groups. AVG covers INT, BIGINT, DECIMAL and DOUBLE columns; it is exact for
 * all but DOUBLE (Derby keeps the argument's type). A query holds at most one DISTINCT
 * aggregate, since Derby rejects more.
 */
final class DiffAggregates {
    private final DiffClauses k;
    private final DiffValues v;
    private final DiffExpressions x;

    DiffAggregates(DiffClauses clauses) {
        this.k = clauses;
        this.v = clauses.v;
        this.x = clauses.x;
    }

    private static List<Column> numeric(List<Column> columns) {
        return columns.stream().filter(Column::numeric).toList();
    }

    /** AVG over a column of a kind chosen first, so INT, DECIMAL and DOUBLE all come up. */
    Expr avg(List<Column> columns) {
        List<Kind> kinds = numeric(columns).stream().map(Column::kind).distinct().toList();
        Kind kind = v.pick(kinds);
        Column c = v.pick(columns.stream().filter(col -> col.kind() == kind).toList());
        return new Expr("AVG(" + c.ref() + ")", c.approximate());
    }

    /** One aggregate call; anything computed in DOUBLE is approximate. */
    Expr call(List<Column> columns) {
        Column c = v.pick(columns);
        Column n = v.pick(numeric(columns));
        return switch (v.between(0, 8)) {
            case 0 -> new Expr("COUNT(*)", false);
            case 1 -> new Expr("COUNT(" + c.ref() + ")", false);
            case 2 -> new Expr("COUNT(DISTINCT " + c.ref() + ")", false);
            case 3 -> new Expr("SUM(" + n.ref() + ")", n.approximate());
            case 4 -> new Expr("MIN(" + c.ref() + ")", c.approximate());
            case 5 -> new Expr("MAX(" + c.ref() + ")", c.approximate());
            case 6, 7 -> avg(columns);
            default -> new Expr(v.chance(0.5) ? "SUM(DISTINCT " + n.ref() + ")" : "MAX(" + n.ref() + ") - MIN("
                    + n.ref() + ")", n.approximate());
        };
    }

    /** An aggregate whose value is exact on any engine, so it can lead a total ORDER BY. */
    private String exactCall(List<Column> columns) {
        List<Column> exactNumbers = numeric(columns).stream().filter(c -> !c.approximate()).toList();
        Column c = v.pick(columns);
        return switch (v.between(0, 3)) {
            case 0 -> "COUNT(*)";
            case 1 -> "COUNT(" + c.ref() + ")";
            case 2 -> (v.chance(0.5) ? "MIN(" : "MAX(") + c.ref() + ")";
            default -> exactNumbers.isEmpty() ? "COUNT(*)" : "SUM(" + v.pick(exactNumbers).ref() + ")";
        };
    }

    /**
     * Adds aggregates: n random calls (at most one DISTINCT), or one time in three the full
     * set COUNT(*), COUNT(DISTINCT c), SUM, MIN, MAX, AVG side by side.
     */
    void addAggregates(DiffSelectList select, List<Column> columns, int n) {
        if (v.chance(0.33)) {
            Column n1 = v.pick(numeric(columns));
            Column c = v.pick(columns);
            Expr avg = avg(columns);
            select.add("COUNT(*)", false);
            select.add("COUNT(DISTINCT " + v.pick(columns).ref() + ")", false);
            select.add("SUM(" + n1.ref() + ")", n1.approximate());
            select.add("MIN(" + c.ref() + ")", c.approximate());
            select.add("MAX(" + c.ref() + ")", c.approximate());
            select.add(avg.sql(), avg.approx());
            return;
        }
        boolean distinctUsed = false;
        for (int i = 0; i < n; i++) {
            Expr e = call(columns);
            boolean distinct = e.sql().contains("DISTINCT");
            if (distinct && distinctUsed) {
                continue;
            }
            distinctUsed |= distinct;
            select.add(e.sql(), e.approx());
        }
    }

    /** A predicate that matches no row: a contradiction, an impossible key, an out-of-range value. */
    String nothing(DiffTable t) {
        Column c = v.pick(t.columns());
        String key = t.alias() + "." + t.distributionColumn();
        return v.pick(List.of("1 = 0", key + " < 0", key + " = -7", c.ref() + " IS NULL AND " + c.ref()
                + " IS NOT NULL", "(" + x.predicate(t.columns(), 0) + ") AND 1 = 2"));
    }

    /** Aggregates without GROUP BY; one in four over an empty set, some with HAVING. */
    DiffOperation global(int index, DiffTable t) {
        DiffSelectList select = new DiffSelectList();
        addAggregates(select, t.columns(), v.between(1, 4));
        double r = v.between(0, 99) / 100.0;
        String where = r < 0.25 ? " WHERE " + nothing(t) : r < 0.75 ? " WHERE " + x.predicate(t.columns(), 1) : "";
        String having = v.chance(0.1) ? " HAVING COUNT(*) " + v.pick(List.of(">", "<", ">=")) + " "
                + v.between(0, 50) : "";
        return DiffClauses.op(index, DiffCategory.AGGREGATE, "SELECT " + select.sql() + " FROM " + t.from() + where
                + having, false, select.approx);
    }

    /** Columns with few distinct values, good GROUP BY keys. */
    static List<Column> groupable(DiffTable t) {
        return t.columns().stream().filter(c -> List.of("name", "city", "region_id", "status", "qty", "method",
                "cust_id", "rname", "odate").contains(c.name())).toList();
    }

    /** GROUP BY the distribution key (one group per key value) or by one or two other columns. */
    DiffOperation groupBy(int index, DiffTable t) {
        List<Column> keys = v.chance(0.3) ? List.of(t.column(t.distributionColumn())) : groupable(t);
        String where = v.chance(0.08) ? " WHERE " + nothing(t) : k.where(t.columns(), 0.5, 1);
        return grouped(index, DiffCategory.GROUP_BY, t.from(), keys, t.columns(), where, List.of(), false);
    }

    /** Top-N over groups: ORDER BY an exact aggregate, then the group keys, then a window. */
    DiffOperation topGroups(int index, DiffTable t) {
        List<Column> keys = v.chance(0.3) ? List.of(t.column(t.distributionColumn())) : groupable(t);
        return grouped(index, DiffCategory.TOP_N, t.from(), keys, t.columns(), k.where(t.columns(), 0.4, 1),
                List.of(), true);
    }

    /**
     * SELECT keys, aggregates FROM from WHERE .. GROUP BY keys [HAVING ..] [ORDER BY ..]. The
     * ORDER BY is total: the group keys, or (top-N) an exact aggregate first and then the keys.
     */
    DiffOperation grouped(int index, DiffCategory category, String from, List<Column> keyCandidates,
                          List<Column> measures, String where, List<Object> params, boolean topN) {
        DiffSelectList select = new DiffSelectList();
        List<String> groupKeys = new ArrayList<>();
        int n = v.between(1, 2);
        for (int i = 0; i < n; i++) {
            Column c = v.pick(keyCandidates);
            if (!groupKeys.contains(c.ref())) {
                groupKeys.add(c.ref());
                select.add(c.ref(), false);
            }
        }
        addAggregates(select, measures, v.between(1, 3));
        String having = v.chance(0.4) ? " HAVING " + having(measures) : "";
        String order = "";
        boolean ordered = topN || v.chance(0.5);
        if (topN) {
            select.add(exactCall(measures), false);
            order = " ORDER BY " + select.size() + (v.chance(0.6) ? " DESC" : "") + ", "
                    + DiffClauses.positions(groupKeys.size()) + k.topN();
        } else if (ordered) {
            order = " ORDER BY " + DiffClauses.positions(groupKeys.size()) + (v.chance(0.5) ? k.window() : "");
        }
        return DiffClauses.op(index, category, "SELECT " + select.sql() + " FROM " + from + where + " GROUP BY "
                + String.join(", ", groupKeys) + having + order, ordered, select.approx, params);
    }

    private String having(List<Column> measures) {
        Column m = v.pick(measures);
        List<Column> exactNumbers = numeric(measures).stream().filter(c -> !c.approximate()).toList();
        String one = switch (v.between(0, 5)) {
            case 0 -> "COUNT(*) > " + v.between(1, 6);
            case 1 -> "COUNT(*) BETWEEN 2 AND " + v.between(3, 30);
            case 2 -> "MIN(" + m.ref() + ") IS NOT NULL";
            case 3 -> exactNumbers.isEmpty() ? "COUNT(*) > 1" : "SUM(" + v.pick(exactNumbers).ref() + ") > "
                    + x.literal(v.pick(exactNumbers));
            case 4 -> "MAX(" + m.ref() + ") >= " + x.literal(m);
            default -> "COUNT(" + m.ref() + ") < " + v.between(1, 10);
        };
        return v.chance(0.2) ? one + " AND COUNT(*) >= 1" : one;
    }
}
