package org.distdata.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Lob;

/**
 * One column's figures in a {@link TableStatisticsEntity}. The smallest and largest value
 * are type-tagged text (for example {@code Integer:42} or {@code LocalDate:2024-02-29}),
 * written and read by the SQL engine's statistics code, so that they come back as the same
 * Java type; null when the column had no ordered values.
 */
@Embeddable
public class ColumnStatisticsRow {
    @Column(name = "COLUMN_NAME", length = 128, nullable = false)
    private String columnName;

    @Column(name = "ROW_COUNT", nullable = false)
    private long rows;

    @Column(name = "NULL_COUNT", nullable = false)
    private long nulls;

    @Column(name = "DISTINCT_COUNT", nullable = false)
    private long distinct;

    @Column(name = "EXACT_DISTINCT", nullable = false)
    private boolean exactDistinct;

    @Lob
    @Column(name = "MIN_VALUE")
    private String min;

    @Lob
    @Column(name = "MAX_VALUE")
    private String max;

    protected ColumnStatisticsRow() {
    }

    public ColumnStatisticsRow(String columnName, long rows, long nulls, long distinct, boolean exactDistinct,
                               String min, String max) {
        this.columnName = columnName;
        this.rows = rows;
        this.nulls = nulls;
        this.distinct = distinct;
        this.exactDistinct = exactDistinct;
        this.min = min;
        this.max = max;
    }

    public String columnName() {
        return columnName;
    }

    public long rows() {
        return rows;
    }

    public long nulls() {
        return nulls;
    }

    public long distinct() {
        return distinct;
    }

    public boolean exactDistinct() {
        return exactDistinct;
    }

    public String min() {
        return min;
    }

    public String max() {
        return max;
    }
}
