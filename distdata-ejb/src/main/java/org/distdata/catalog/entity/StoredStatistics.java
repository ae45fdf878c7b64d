package org.distdata.catalog.entity;

import java.util.List;
import java.util.Objects;

/**
 * A table's latest ANALYZE figures as the metadata holds them: when it ran, the rows in total
 * and per partition (partition 0 first), and per column its counts and its smallest and
 * largest value as type-tagged text (written and read by the SQL engine's statistics code;
 * the catalog does not interpret them). A value, so that a meta command can carry it and
 * every node can compare what it holds with what it stored.
 */
public record StoredStatistics(String table, long analyzedAtEpochMillis, long rows, List<Long> rowsPerPartition,
                               List<Column> columns) {

    public StoredStatistics {
        Objects.requireNonNull(table, "table");
        rowsPerPartition = List.copyOf(rowsPerPartition);
        columns = List.copyOf(columns);
    }

    /** One column's figures; {@code min} and {@code max} are null when the column had no ordered values. */
    public record Column(String name, long rows, long nulls, long distinct, boolean exactDistinct, String min,
                         String max) {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }
}
