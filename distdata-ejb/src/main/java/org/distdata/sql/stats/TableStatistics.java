package org.distdata.sql.stats;

import java.util.Map;

/**
 * What ANALYZE found for one table: its row count over all partitions, the rows on each
 * partition, and per column the figures of {@link ColumnStatistics}, as of the catalog
 * version at which it ran.
 */
public record TableStatistics(String table, long rows, long[] rowsPerPartition, Map<String, ColumnStatistics> columns,
                              long catalogVersion) {

    public TableStatistics {
        rowsPerPartition = rowsPerPartition.clone();
        columns = Map.copyOf(columns);
    }
}
