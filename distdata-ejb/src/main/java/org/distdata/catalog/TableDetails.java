package org.distdata.catalog;

import org.distdata.catalog.entity.TableKind;

import java.util.List;

/**
 * {@code GET /api/v1/tables/{table}}: columns, primary key, distribution, indexes and the row
 * count held by each partition.
 */
public record TableDetails(String name, TableKind kind, List<ColumnSummary> columns, List<String> primaryKey,
                           String distributionColumn, List<String> indexes, long rowEstimate,
                           List<PartitionRows> partitions) {

    /** Rows of this table in one partition. */
    public record PartitionRows(int partition, long rows) {
    }
}
