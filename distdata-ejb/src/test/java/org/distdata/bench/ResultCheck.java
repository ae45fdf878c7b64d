package org.distdata.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Compares a query's rows from both systems: numbers numerically, unordered results as multisets. */
final class ResultCheck {
    private static final BigDecimal RELATIVE_TOLERANCE = new BigDecimal("1e-9");

    private ResultCheck() {
    }

    static void requireSame(BenchQuery q, List<Object> params, List<List<Object>> distData,
                            List<List<Object>> derby) {
        if (distData.size() != derby.size()) {
            throw new IllegalStateException("MISMATCH with parameters " + params + ": DistData returned "
                    + distData.size() + " rows, Derby " + derby.size());
        }
        List<List<Object>> a = q.ordered() ? distData : sorted(distData);
        List<List<Object>> b = q.ordered() ? derby : sorted(derby);
        for (int i = 0; i < a.size(); i++) {
            if (!sameRow(a.get(i), b.get(i))) {
                throw new IllegalStateException("MISMATCH with parameters " + params + " at row " + i
                        + ": DistData " + a.get(i) + ", Derby " + b.get(i));
            }
        }
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(ResultCheck::key));
        return copy;
    }

    private static String key(List<Object> row) {
        return row.stream().map(v -> String.valueOf(normal(v))).collect(Collectors.joining("\u0001"));
    }

    private static boolean sameRow(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Object x = normal(a.get(i));
            Object y = normal(b.get(i));
            if (x instanceof BigDecimal dx && y instanceof BigDecimal dy) {
                BigDecimal scale = dx.abs().max(dy.abs()).max(BigDecimal.ONE);
                if (dx.subtract(dy).abs().compareTo(scale.multiply(RELATIVE_TOLERANCE)) > 0) {
                    return false;
                }
            } else if (x == null ? y != null : !x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static Object normal(Object v) {
        if (v instanceof Double d) {
            return new BigDecimal(d, MathContext.DECIMAL64).stripTrailingZeros();
        }
        if (v instanceof Float f) {
            return new BigDecimal(f.doubleValue(), MathContext.DECIMAL32).stripTrailingZeros();
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v;
    }
}
