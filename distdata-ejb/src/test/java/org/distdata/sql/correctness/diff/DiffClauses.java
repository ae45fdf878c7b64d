package org.distdata.sql.correctness.diff;

import org.distdata.sql.SqlStatement;
import org.distdata.sql.correctness.diff.DiffExpressions.Expr;
import org.distdata.sql.correctness.diff.DiffTable.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pieces every query generator uses: select lists of random scalars, WHERE clauses, OFFSET /
 * FETCH windows, ORDER BY positions, distribution-key values to pin partitions with, and the
 * wrapping of a finished SELECT into a {@link DiffOperation}.
 */
final class DiffClauses {
    final DiffValues v;
    final DiffExpressions x;
    final DiffData data;

    DiffClauses(DiffValues values, DiffExpressions expressions, DiffData data) {
        this.v = values;
        this.x = expressions;
        this.data = data;
    }

    DiffSelectList scalars(List<Column> columns, int n) {
        DiffSelectList list = new DiffSelectList();
        for (int i = 0; i < n; i++) {
            Expr e = x.scalar(v.pick(columns));
            list.add(e.sql(), e.approx());
        }
        return list;
    }

    /** " WHERE p" with the given chance, "" otherwise. */
    String where(List<Column> columns, double chance, int depth) {
        return v.chance(chance) ? " WHERE " + x.predicate(columns, depth) : "";
    }

    /** An optional OFFSET / FETCH window (empty one time in four). */
    String window() {
        return switch (v.between(0, 3)) {
            case 0 -> "";
            case 1 -> " FETCH FIRST " + v.between(1, 30) + " ROWS ONLY";
            case 2 -> " OFFSET " + v.between(0, 50) + " ROWS FETCH NEXT " + v.between(1, 20) + " ROWS ONLY";
            default -> " OFFSET " + v.between(1, 600) + " ROWS";
        };
    }

    /** A window that always cuts: top-N with small n, sometimes after an OFFSET. */
    String topN() {
        return switch (v.between(0, 4)) {
            case 0 -> " FETCH FIRST ROW ONLY";
            case 1, 2 -> " FETCH FIRST " + v.between(1, 10) + " ROWS ONLY";
            case 3 -> " OFFSET " + v.between(1, 20) + " ROWS FETCH NEXT " + v.between(1, 10) + " ROWS ONLY";
            default -> " OFFSET " + v.between(5, 400) + " ROWS";
        };
    }

    /**
     * With probability {@code chance}, a range on {@code t}'s unique key that keeps a join
     * input to a few dozen rows; else null. The gateway joins by nested loops, so a join costs
     * about outer rows times inner rows: bounding one input keeps the stream's run time in
     * check while the rows that do meet keep their NULLs and duplicates.
     */
    String bound(DiffTable t, double chance) {
        if (t.name().equals("regions") || !v.chance(chance)) {
            return null;
        }
        boolean customers = t.name().equals("customers");
        int top = (int) (customers ? data.nextCustomerId : t.name().equals("orders") ? data.nextOrderId
                : data.nextPaymentId);
        int width = customers ? v.between(4, 60) : v.between(10, 100);
        int lo = v.between(1, Math.max(1, top - width / 2));
        return t.unique() + " BETWEEN " + lo + " AND " + (lo + width);
    }

    static String positions(int n) {
        List<String> p = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            p.add(Integer.toString(i));
        }
        return String.join(", ", p);
    }

    /** A value of {@code t}'s distribution key: mostly present, sometimes absent. */
    long key(DiffTable t) {
        return t == DiffTable.PAYMENTS ? v.between(1, (int) data.nextPaymentId + 5) : data.someCustomerId();
    }

    /** {@code col IN (?, ?, ...)} or {@code col = ?} or an OR of equalities, adding the values to {@code params}. */
    String pinned(String col, DiffTable t, List<Object> params) {
        int n = v.between(1, 5);
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            params.add(key(t));
            marks.add("?");
        }
        if (n == 1) {
            return col + " = ?";
        }
        return v.chance(0.25) ? "(" + col + " = " + String.join(" OR " + col + " = ", marks) + ")"
                : col + " IN (" + String.join(", ", marks) + ")";
    }

    static DiffOperation op(int index, DiffCategory category, String sql, boolean ordered, Set<Integer> approx,
                            List<Object> params) {
        return new DiffOperation(index, category, new SqlStatement(sql, params), ordered, Set.copyOf(approx));
    }

    static DiffOperation op(int index, DiffCategory category, String sql, boolean ordered, Set<Integer> approx) {
        return op(index, category, sql, ordered, approx, List.of());
    }
}
