package org.distdata.sql.stats;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Gathers {@link ColumnStatistics} while ANALYZE scans a column on one partition, and
 * merges the collectors of all partitions into the table's figures. Distinct values are
 * counted exactly while there are at most {@link #EXACT_LIMIT} of them, then by a
 * {@link HyperLogLog} sketch.
 */
public final class ColumnStatisticsCollector {

    static final int EXACT_LIMIT = 1_000;

    private long rows;
    private long nulls;
    private Set<String> exact = new HashSet<>();
    private final HyperLogLog sketch = new HyperLogLog();
    private Comparable<Object> min;
    private Comparable<Object> max;
    private boolean ordered = true;

    public void add(Object value) {
        rows++;
        if (value == null) {
            nulls++;
            return;
        }
        String canonical = canonical(value);
        sketch.add(canonical);
        if (exact != null) {
            exact.add(canonical);
            if (exact.size() > EXACT_LIMIT) {
                exact = null;
            }
        }
        track(value);
    }

    @SuppressWarnings("unchecked")
    private void track(Object value) {
        if (!ordered || !(value instanceof Comparable<?>)) {
            ordered = false;
            return;
        }
        Comparable<Object> c = (Comparable<Object>) value;
        try {
            if (min == null || c.compareTo(min) < 0) {
                min = c;
            }
            if (max == null || c.compareTo(max) > 0) {
                max = c;
            }
        } catch (ClassCastException mixed) {
            ordered = false;
            min = null;
            max = null;
        }
    }

    /** Folds another partition's collector into this one. */
    public ColumnStatisticsCollector merge(ColumnStatisticsCollector other) {
        rows += other.rows;
        nulls += other.nulls;
        sketch.merge(other.sketch);
        if (exact != null && other.exact != null) {
            exact.addAll(other.exact);
            if (exact.size() > EXACT_LIMIT) {
                exact = null;
            }
        } else {
            exact = null;
        }
        if (!other.ordered) {
            ordered = false;
            min = null;
            max = null;
        } else if (ordered) {
            if (other.min != null) {
                track(other.min);
            }
            if (other.max != null) {
                track(other.max);
            }
        }
        return this;
    }

    public ColumnStatistics result() {
        boolean isExact = exact != null;
        long distinct = isExact ? exact.size() : Math.min(sketch.estimate(), rows - nulls);
        return new ColumnStatistics(rows, nulls, distinct, isExact, ordered ? min : null, ordered ? max : null);
    }

    /** One text per value, equal for equal SQL values (1.50 and 1.5 are the same DECIMAL). */
    private static String canonical(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
        return value.getClass().getSimpleName() + ":" + value;
    }
}
