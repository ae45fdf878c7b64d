package org.distdata.sql.correctness.diff;

import org.distdata.sql.correctness.diff.DiffTable.Column;

import java.util.List;
import java.util.Set;

/**
 * Generates subqueries: IN and NOT IN over columns that hold NULLs (so NOT IN often returns
 * nothing, as the standard says), scalar subqueries (correlated and not), derived tables,
 * and EXISTS / NOT EXISTS correlated by equality or uncorrelated, over the co-located, the
 * non-co-located and the reference table. The outer query is customers, orders or payments,
 * shaped as a projection (some ordered and windowed) or as a count per group.
 */
final class DiffSubqueries {
    private static final DiffTable C = DiffTable.CUSTOMERS;
    private static final DiffTable O = DiffTable.ORDERS;
    private static final DiffTable P = DiffTable.PAYMENTS;
    private static final DiffTable R = DiffTable.REGIONS;
    /** How often the outer query is cut to a key range (see {@link DiffClauses#bound}). */
    private static final double OUTER_BOUND = 0.85;

    private final DiffClauses k;
    private final DiffValues v;
    private final DiffExpressions x;

    DiffSubqueries(DiffClauses clauses) {
        this.k = clauses;
        this.v = clauses.v;
        this.x = clauses.x;
    }

    private String pred(DiffTable t, int depth) {
        return x.predicate(t.columns(), depth);
    }

    /** " AND p" half the time. */
    private String andMaybe(DiffTable t) {
        return v.chance(0.5) ? " AND " + pred(t, 0) : "";
    }

    DiffOperation in(int index) {
        DiffTable outer = v.pick(List.of(C, C, O, P));
        String filter;
        if (outer == C) {
            filter = switch (v.between(0, 8)) {
                case 0 -> "c.id IN (SELECT o.cust_id FROM orders o WHERE " + pred(O, 1) + ")";
                case 1 -> "c.id IN (SELECT p.cust_id FROM payments p WHERE " + pred(P, 1) + ")";
                case 2 -> "c.id NOT IN (SELECT p.cust_id FROM payments p WHERE " + pred(P, 0) + ")";
                case 3 -> "c.id NOT IN (SELECT p.cust_id FROM payments p WHERE p.cust_id IS NOT NULL AND "
                        + pred(P, 0) + ")";
                case 4 -> "c.region_id " + (v.chance(0.5) ? "NOT IN" : "IN") + " (SELECT r.region_id FROM regions r "
                        + "WHERE " + pred(R, 0) + ")";
                case 5 -> "c.region_id " + (v.chance(0.5) ? "NOT IN" : "IN") + " (SELECT o.qty FROM orders o WHERE "
                        + pred(O, 0) + ")";
                case 6 -> "c.balance > (SELECT AVG(o.amount) FROM orders o" + (v.chance(0.5) ? " WHERE " + pred(O, 0)
                        : "") + ")";
                case 7 -> "c.balance " + v.pick(List.of("<", ">")) + " (SELECT SUM(o.amount) FROM orders o "
                        + "WHERE o.cust_id = c.id)";
                default -> "(SELECT COUNT(*) FROM payments p WHERE p.cust_id = c.id) " + v.pick(List.of("=", ">", ">="))
                        + " " + v.between(0, 3);
            };
        } else if (outer == O) {
            filter = switch (v.between(0, 3)) {
                case 0 -> "o.oid IN (SELECT p.order_id FROM payments p WHERE " + pred(P, 1) + ")";
                case 1 -> "o.oid NOT IN (SELECT p.order_id FROM payments p WHERE " + pred(P, 0) + ")";
                case 2 -> "o.cust_id " + (v.chance(0.3) ? "NOT IN" : "IN") + " (SELECT c.id FROM customers c WHERE "
                        + pred(C, 1) + ")";
                default -> "o.qty IN (SELECT c.region_id FROM customers c WHERE " + pred(C, 0) + ")";
            };
        } else {
            filter = switch (v.between(0, 2)) {
                case 0 -> "p.cust_id IN (SELECT c.id FROM customers c WHERE " + pred(C, 1) + ")";
                case 1 -> "p.order_id NOT IN (SELECT o.oid FROM orders o WHERE " + pred(O, 0) + ")";
                default -> "p.paid > (SELECT MAX(o.amount) FROM orders o WHERE o.cust_id = p.cust_id)";
            };
        }
        if (outer == C && v.chance(0.15)) {
            String bound = k.bound(C, OUTER_BOUND);
            String where = bound == null ? filter : bound + " AND " + filter;
            return DiffClauses.op(index, DiffCategory.SUBQUERY, "SELECT t.city, COUNT(*) AS n FROM (SELECT c.city "
                    + "FROM customers c WHERE " + where + ") t GROUP BY t.city", false, Set.of());
        }
        return outer(index, DiffCategory.SUBQUERY, outer, filter);
    }

    DiffOperation exists(int index) {
        DiffTable outer = v.pick(List.of(C, C, O, P));
        String not = v.chance(0.4) ? "NOT " : "";
        String sub;
        if (v.chance(0.2)) {
            // uncorrelated: true or false for every outer row
            DiffTable inner = v.pick(List.of(O, P, R));
            sub = "SELECT 1 FROM " + inner.from() + " WHERE " + pred(inner, 1);
        } else if (outer == C) {
            sub = switch (v.between(0, 3)) {
                case 0 -> "SELECT 1 FROM orders o WHERE o.cust_id = c.id" + andMaybe(O);
                case 1 -> "SELECT 1 FROM payments p WHERE p.cust_id = c.id" + andMaybe(P);
                case 2 -> "SELECT 1 FROM regions r WHERE r.region_id = c.region_id" + andMaybe(R);
                default -> "SELECT o.oid FROM orders o WHERE o.cust_id = c.id AND o.qty > " + v.between(1, 20);
            };
        } else if (outer == O) {
            sub = switch (v.between(0, 2)) {
                case 0 -> "SELECT 1 FROM payments p WHERE p.order_id = o.oid" + andMaybe(P);
                case 1 -> "SELECT 1 FROM customers c WHERE c.id = o.cust_id" + andMaybe(C);
                default -> "SELECT 1 FROM orders o2 WHERE o2.cust_id = o.cust_id AND o2.oid <> o.oid"
                        + (v.chance(0.5) ? " AND o2.amount > o.amount" : "");
            };
        } else {
            sub = v.chance(0.5) ? "SELECT 1 FROM customers c WHERE c.id = p.cust_id" + andMaybe(C)
                    : "SELECT 1 FROM orders o WHERE o.oid = p.order_id" + andMaybe(O);
        }
        String filter = not + "EXISTS (" + sub + ")";
        if (v.chance(0.2)) {
            filter = "(" + pred(outer, 0) + (v.chance(0.5) ? " OR " : " AND ") + filter + ")";
        }
        return outer(index, DiffCategory.EXISTS_SUBQUERY, outer, filter);
    }

    /**
     * The outer query around a subquery filter: a projection (ordered one time in three) or a
     * count per group. Most outer queries are cut to a key range: the gateway evaluates a
     * subquery once per outer row.
     */
    private DiffOperation outer(int index, DiffCategory category, DiffTable t, String subqueryFilter) {
        String bound = k.bound(t, OUTER_BOUND);
        String filter = bound == null ? subqueryFilter : bound + " AND " + subqueryFilter;
        if (v.chance(0.2)) {
            Column g = v.pick(DiffAggregates.groupable(t));
            return DiffClauses.op(index, category, "SELECT " + g.ref() + " AS e1, COUNT(*) AS e2 FROM " + t.from()
                    + " WHERE " + filter + " GROUP BY " + g.ref(), false, Set.of());
        }
        DiffSelectList select = k.scalars(t.columns(), v.between(1, 3));
        if (v.chance(0.33)) {
            select.add(t.unique(), false);
            return DiffClauses.op(index, category, "SELECT " + select.sql() + " FROM " + t.from() + " WHERE " + filter
                    + " ORDER BY " + t.unique() + (v.chance(0.5) ? k.window() : ""), true, select.approx);
        }
        return DiffClauses.op(index, category, "SELECT " + select.sql() + " FROM " + t.from() + " WHERE " + filter,
                false, select.approx);
    }
}
