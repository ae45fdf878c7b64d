package org.distdata.sql.exec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The join columns of one row as a hashable key that compares the way Apache Derby's
 * {@code =} does, so that a join, an exchange or a grouping done here agrees with the same
 * statement run whole in Derby. Rows come from different partitions and fragments, so one
 * SQL value may arrive as different Java classes (an INTEGER column as Integer, the same
 * key in a BIGINT column as Long, in a DECIMAL column as BigDecimal): the key compares
 * values, not classes.
 *
 * <p>Rules, checked against Derby 10.16:
 * <ul>
 *   <li>Exact numbers (Short, Integer, Long, BigDecimal) are equal when their values are:
 *       3 = 3L = 3.00.</li>
 *   <li>When either side is approximate (Double, Float) both compare as doubles, as Derby
 *       does for DOUBLE against DECIMAL: DECIMAL 0.1 = DOUBLE 0.1. A Float widens exactly,
 *       so REAL 0.1 is not DOUBLE 0.1 (Derby's joins agree). Past 2^53, where a BIGINT has no
 *       exact double, Derby answers differently in a join than in a single comparison; this
 *       key follows the single comparison.</li>
 *   <li>Strings ignore trailing blanks (U+0020), as Derby pads the shorter one: 'a' = 'a  '.</li>
 *   <li>byte[] compare by content, ignoring trailing 0x20 bytes, which is how Derby pads
 *       {@code FOR BIT DATA} values: X'61' = X'6120'.</li>
 *   <li>Dates, times, timestamps and booleans are equal when of the same kind and value
 *       (Derby does not compare a DATE with a TIMESTAMP).</li>
 *   <li>Values of different families (a number and a string) are never equal.</li>
 * </ul>
 *
 * <p>A key with a NULL component {@link #matches matches} nothing, not even itself, as in
 * SQL. {@link #equals} instead treats NULL as equal to NULL (SQL's "not distinct", as in
 * GROUP BY), so a key stays a lawful map key. {@link #hashCode} is consistent with both.
 *
 * <p>The operators work on rows directly through the static forms ({@link #hash(Object[], int[])},
 * {@link #matches(Object[], int[], Object[], int[])}), which allocate nothing.
 */
public final class JoinKey {
    private final Object[] values;
    private final int hash;

    private JoinKey(Object[] values) {
        this.values = values;
        int h = 1;
        for (Object v : values) {
            h = 31 * h + (v == null ? 0 : valueHash(v));
        }
        this.hash = mix(h);
    }

    /** The key made of {@code values}, in order. */
    public static JoinKey of(Object... values) {
        return new JoinKey(values.clone());
    }

    /** The key made of {@code row}'s values at {@code columns} (0-based), in that order. */
    public static JoinKey of(Object[] row, int[] columns) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            v[i] = row[columns[i]];
        }
        return new JoinKey(v);
    }

    public int size() {
        return values.length;
    }

    public Object value(int index) {
        return values[index];
    }

    /** True when a component is SQL NULL: such a key joins with nothing. */
    public boolean hasNull() {
        for (Object v : values) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    /** SQL equality of every component: false when either key has a NULL. */
    public boolean matches(JoinKey other) {
        if (other.values.length != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!valuesEqual(values[i], other.values[i])) {
                return false;
            }
        }
        return true;
    }

    /** Component-wise Derby equality, with NULL equal to NULL ("not distinct"). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JoinKey other) || other.hash != hash || other.values.length != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            Object a = values[i];
            Object b = other.values[i];
            if (a == null ? b != null : b == null || !valuesEqual(a, b)) {
                return false;
            }
        }
        return true;
    }

    /** Equal to {@link #hash(Object[], int[])} of the row the key was taken from. */
    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "JoinKey" + Arrays.deepToString(values);
    }

    // --- allocation-free forms over rows

    /** The hash of {@code row}'s key at {@code columns}; the same for keys that are equal. */
    public static int hash(Object[] row, int[] columns) {
        int h = 1;
        for (int c : columns) {
            Object v = row[c];
            h = 31 * h + (v == null ? 0 : valueHash(v));
        }
        return mix(h);
    }

    /** True when {@code row} has a NULL in one of {@code columns}. */
    public static boolean hasNull(Object[] row, int[] columns) {
        for (int c : columns) {
            if (row[c] == null) {
                return true;
            }
        }
        return false;
    }

    /** SQL equality of two rows' keys (false when either has a NULL); the column lists pair up. */
    public static boolean matches(Object[] a, int[] aColumns, Object[] b, int[] bColumns) {
        for (int i = 0; i < aColumns.length; i++) {
            if (!valuesEqual(a[aColumns[i]], b[bColumns[i]])) {
                return false;
            }
        }
        return true;
    }

    /** Derby's {@code a = b} for two single values: false when either is NULL. */
    public static boolean valuesEqual(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number x) {
            return b instanceof Number y && numbersEqual(x, y);
        }
        if (a instanceof String s) {
            return b instanceof String t && stringsEqual(s, t);
        }
        if (a instanceof byte[] p) {
            return b instanceof byte[] q && bytesEqual(p, q);
        }
        return a.equals(b);
    }

    /** A hash of one non-null value, equal for values that {@link #valuesEqual} calls equal. */
    static int valueHash(Object v) {
        if (v instanceof Number n) {
            // Every number hashes by its double value: exact numbers that are equal have the
            // same (correctly rounded) double, and a comparison with a Double or Float is one
            // of doubles.
            double d = n instanceof Integer i ? i : n instanceof Long l ? (double) l : n.doubleValue();
            if (d == 0) {
                d = 0.0; // -0.0 = 0.0
            }
            return Long.hashCode(Double.doubleToLongBits(d));
        }
        if (v instanceof String s) {
            int end = trimmedLength(s);
            if (end == s.length()) {
                return s.hashCode(); // cached by String; the same polynomial as below
            }
            int h = 0;
            for (int i = 0; i < end; i++) {
                h = 31 * h + s.charAt(i);
            }
            return h;
        }
        if (v instanceof byte[] bytes) {
            int end = trimmedLength(bytes);
            int h = 1;
            for (int i = 0; i < end; i++) {
                h = 31 * h + bytes[i];
            }
            return h;
        }
        return v.hashCode();
    }

    private static boolean numbersEqual(Number x, Number y) {
        Class<?> c = x.getClass();
        if (c == y.getClass()) {
            if (c == Integer.class || c == Long.class || c == Short.class || c == Byte.class) {
                return x.longValue() == y.longValue();
            }
            if (c == BigDecimal.class) {
                return ((BigDecimal) x).compareTo((BigDecimal) y) == 0;
            }
        }
        if (isApproximate(x) || isApproximate(y)) {
            return x.doubleValue() == y.doubleValue();
        }
        if (isIntegral(x) && isIntegral(y)) {
            return x.longValue() == y.longValue();
        }
        return exact(x).compareTo(exact(y)) == 0;
    }

    private static boolean isApproximate(Number n) {
        return n instanceof Double || n instanceof Float;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (isIntegral(n)) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return new BigDecimal(n.toString());
    }

    private static boolean stringsEqual(String s, String t) {
        int n = trimmedLength(s);
        return n == trimmedLength(t) && s.regionMatches(0, t, 0, n);
    }

    private static boolean bytesEqual(byte[] p, byte[] q) {
        int n = trimmedLength(p);
        return n == trimmedLength(q) && Arrays.equals(p, 0, n, q, 0, n);
    }

    private static int trimmedLength(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    private static int trimmedLength(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0x20) {
            end--;
        }
        return end;
    }

    /** murmur3's 32-bit finalizer: spreads every input bit over the whole hash. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
