package org.distdata.sql.correctness;

import org.distdata.relation.SqlResult;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Compares an engine's result with the oracle's. Rows are compared in order when the query's
 * ORDER BY is total, otherwise as multisets (both sides sorted by a canonical value order
 * first). Numbers compare by value whatever their Java class; DOUBLE/REAL values, and values
 * in columns the caller marks approximate (AVG), may differ by a relative 1e-9.
 */
public final class ResultComparator {
    static final double RELATIVE_TOLERANCE = 1e-9;

    private ResultComparator() {
    }

    /** Returns null if the results agree, else a one-paragraph description of the first difference. */
    public static String difference(SqlResult expected, SqlResult actual, boolean ordered, Set<Integer> approxColumns) {
        if (expected.updateCount() != null || actual.updateCount() != null) {
            return java.util.Objects.equals(expected.updateCount(), actual.updateCount()) ? null
                    : "update count: expected " + expected.updateCount() + ", got " + actual.updateCount();
        }
        if (expected.columns().size() != actual.columns().size()) {
            return "column count: expected " + expected.columns() + ", got " + actual.columns();
        }
        if (expected.rowCount() != actual.rowCount()) {
            return "row count: expected " + expected.rowCount() + ", got " + actual.rowCount() + sample(expected, actual);
        }
        List<List<Object>> e = ordered ? expected.rows() : sorted(expected.rows());
        List<List<Object>> a = ordered ? actual.rows() : sorted(actual.rows());
        for (int r = 0; r < e.size(); r++) {
            for (int c = 0; c < e.get(r).size(); c++) {
                if (!same(e.get(r).get(c), a.get(r).get(c), approxColumns.contains(c))) {
                    return (ordered ? "row " : "sorted row ") + r + " column " + (c + 1) + ": expected " + show(e.get(r))
                            + ", got " + show(a.get(r));
                }
            }
        }
        return null;
    }

    /** Column type names that differ (same values, other SQL type): reported, not failed. */
    public static List<String> typeDifferences(SqlResult expected, SqlResult actual) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(expected.columns().size(), actual.columns().size()); i++) {
            String e = expected.columns().get(i).type();
            String a = actual.columns().get(i).type();
            if (!e.equalsIgnoreCase(a)) {
                out.add("column " + (i + 1) + " " + e + " vs " + a);
            }
        }
        return out;
    }

    static boolean same(Object e, Object a, boolean approx) {
        if (e == null || a == null) {
            return e == a;
        }
        if (e instanceof Number en && a instanceof Number an) {
            boolean inexact = approx || en instanceof Double || en instanceof Float || an instanceof Double
                    || an instanceof Float;
            if (inexact) {
                double x = en.doubleValue();
                double y = an.doubleValue();
                return x == y || Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
            }
            return decimal(en).compareTo(decimal(an)) == 0;
        }
        if (e instanceof byte[] eb && a instanceof byte[] ab) {
            return Arrays.equals(eb, ab);
        }
        return e.equals(a);
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
    }

    static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(ROW_ORDER);
        return copy;
    }

    private static final Comparator<Object> VALUE_ORDER = (x, y) -> {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        if (x instanceof Number nx && y instanceof Number ny) {
            return Double.compare(nx.doubleValue(), ny.doubleValue()) != 0
                    ? Double.compare(nx.doubleValue(), ny.doubleValue())
                    : decimal(nx).compareTo(decimal(ny));
        }
        if (x instanceof Temporal && x.getClass() == y.getClass() && x instanceof Comparable<?>) {
            @SuppressWarnings("unchecked")
            Comparable<Object> cx = (Comparable<Object>) x;
            return cx.compareTo(y);
        }
        if (x instanceof byte[] bx && y instanceof byte[] by) {
            return Arrays.compare(bx, by);
        }
        return x.toString().compareTo(y.toString());
    };

    private static final Comparator<List<Object>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = VALUE_ORDER.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static String sample(SqlResult expected, SqlResult actual) {
        return " (first rows expected " + show(expected.rows().stream().limit(3).toList()) + ", got "
                + show(actual.rows().stream().limit(3).toList()) + ")";
    }

    static String show(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(show(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value == null) {
            return "NULL";
        }
        return value + (value instanceof Number ? ":" + value.getClass().getSimpleName() : "");
    }
}
