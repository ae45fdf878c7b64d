package org.distdata.catalog.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the last ANALYZE of one table found, kept so that a restarted node plans with it:
 * when it ran, the table's rows in total and per partition, and one {@link ColumnStatisticsRow}
 * per column. A table has at most one; ANALYZE replaces it and DROP TABLE deletes it.
 */
@Entity
@Table(name = "DD_TABLE_STATISTICS")
public class TableStatisticsEntity {
    @Id
    @Column(name = "TABLE_NAME", length = 128)
    private String tableName;

    @Column(name = "ANALYZED_AT_MS", nullable = false)
    private long analyzedAtEpochMillis;

    @Column(name = "ROW_COUNT", nullable = false)
    private long rows;

    /** Comma-separated counts, partition 0 first. */
    @Lob
    @Column(name = "ROWS_PER_PARTITION", nullable = false)
    private String rowsPerPartition;

    // No foreign key: EclipseLink's create-or-extend-tables would try to add it again, with a
    // warning, at every start; JPA deletes the column rows with their table's row anyway.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "DD_COLUMN_STATISTICS", joinColumns = @JoinColumn(name = "TABLE_NAME"),
            foreignKey = @ForeignKey(ConstraintMode.NO_CONSTRAINT))
    private List<ColumnStatisticsRow> columns = new ArrayList<>();

    protected TableStatisticsEntity() {
    }

    public TableStatisticsEntity(String tableName, long analyzedAtEpochMillis, long rows, long[] rowsPerPartition,
                                 List<ColumnStatisticsRow> columns) {
        this.tableName = tableName;
        this.analyzedAtEpochMillis = analyzedAtEpochMillis;
        this.rows = rows;
        this.rowsPerPartition = Arrays.stream(rowsPerPartition).mapToObj(Long::toString)
                .collect(Collectors.joining(","));
        this.columns = new ArrayList<>(columns);
    }

    /** The row that stores {@code statistics}. */
    public static TableStatisticsEntity of(StoredStatistics statistics) {
        List<ColumnStatisticsRow> columns = statistics.columns().stream()
                .map(c -> new ColumnStatisticsRow(c.name(), c.rows(), c.nulls(), c.distinct(), c.exactDistinct(),
                        c.min(), c.max()))
                .toList();
        return new TableStatisticsEntity(statistics.table(), statistics.analyzedAtEpochMillis(), statistics.rows(),
                statistics.rowsPerPartition().stream().mapToLong(Long::longValue).toArray(), columns);
    }

    /** The statistics this row stores. */
    public StoredStatistics toStored() {
        List<StoredStatistics.Column> figures = columns.stream()
                .map(c -> new StoredStatistics.Column(c.columnName(), c.rows(), c.nulls(), c.distinct(),
                        c.exactDistinct(), c.min(), c.max()))
                .toList();
        return new StoredStatistics(tableName, analyzedAtEpochMillis, rows,
                Arrays.stream(rowsPerPartition()).boxed().toList(), figures);
    }

    public String tableName() {
        return tableName;
    }

    public long analyzedAtEpochMillis() {
        return analyzedAtEpochMillis;
    }

    public long rows() {
        return rows;
    }

    public long[] rowsPerPartition() {
        if (rowsPerPartition.isEmpty()) {
            return new long[0];
        }
        return Arrays.stream(rowsPerPartition.split(",")).mapToLong(Long::parseLong).toArray();
    }

    public List<ColumnStatisticsRow> columns() {
        return List.copyOf(columns);
    }
}
