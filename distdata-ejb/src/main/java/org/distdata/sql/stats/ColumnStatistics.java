package org.distdata.sql.stats;

/**
 * What the planner knows about one column of one table: how many rows, how many of them
 * NULL, about how many distinct non-null values, and the smallest and largest value (null
 * when the column is empty or its type has no useful order). Exact when the distinct
 * values were few enough to count; estimated by {@link HyperLogLog} otherwise.
 */
public record ColumnStatistics(long rows, long nulls, long distinct, boolean exactDistinct,
                               Comparable<?> min, Comparable<?> max) {

    /** The fraction of rows that are NULL; 0 for an empty table. */
    public double nullFraction() {
        return rows == 0 ? 0 : (double) nulls / rows;
    }

    /** The fraction of non-null rows an equality predicate on a constant keeps, assuming uniformity. */
    public double equalitySelectivity() {
        return distinct == 0 ? 0 : (1 - nullFraction()) / distinct;
    }
}
