package org.distdata.sql.stats;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.catalog.entity.TableKind;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.RowCursor;

/**
 * ANALYZE: reads a table on each partition that holds it (every partition for a
 * distributed table, one copy for a reference table), collects per-column figures there
 * and merges them, and hands the result to the {@link StatisticsStore}, which keeps it for
 * the planner. Each partition is read in its own read-committed unit, so the figures are a
 * close estimate under concurrent writes, not a snapshot.
 */
public final class TableAnalyzer {

    private final PartitionExecutor partitions;
    private final StatisticsStore store;

    public TableAnalyzer(PartitionExecutor partitions, StatisticsStore store) {
        this.partitions = partitions;
        this.store = store;
    }

    public TableStatistics analyze(TableDef table, long catalogVersion) throws SQLException {
        List<ColumnDef> columns = new ArrayList<>();
        for (ColumnDef c : table.columns()) {
            if (!c.name().equals(TableDef.HIDDEN_ROW_ID)) {
                columns.add(c);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(SqlNames.quote(columns.get(i).name()));
        }
        sql.append(" FROM ").append(SqlNames.quote(table.name()));
        ModificationCounts countedBefore = store.modifications(table.name());
        int scanned = table.kind() == TableKind.REFERENCE ? 1 : partitions.partitionCount();
        long[] rowsPerPartition = new long[partitions.partitionCount()];
        List<ColumnStatisticsCollector> merged = null;
        for (int p = 0; p < scanned; p++) {
            List<ColumnStatisticsCollector> local = new ArrayList<>();
            columns.forEach(c -> local.add(new ColumnStatisticsCollector()));
            try (RowCursor rows = partitions.query(p, sql.toString(), List.of())) {
                while (rows.next()) {
                    rowsPerPartition[p]++;
                    for (int i = 0; i < columns.size(); i++) {
                        local.get(i).add(rows.get(i));
                    }
                }
            }
            if (merged == null) {
                merged = local;
            } else {
                for (int i = 0; i < columns.size(); i++) {
                    merged.get(i).merge(local.get(i));
                }
            }
        }
        Map<String, ColumnStatistics> figures = new LinkedHashMap<>();
        long total = 0;
        for (long r : rowsPerPartition) {
            total += r;
        }
        for (int i = 0; i < columns.size(); i++) {
            figures.put(columns.get(i).name(), merged.get(i).result());
        }
        TableStatistics stats = new TableStatistics(table.name(), total, rowsPerPartition, figures, catalogVersion);
        store.analyzed(stats, countedBefore);
        return stats;
    }

    /** The latest figures of {@code table}, or null if never analyzed: {@link StatisticsStore#statistics}. */
    public TableStatistics statistics(String table) {
        return store.statistics(table);
    }

    /** A dropped or recreated table's figures no longer apply. */
    public void forget(String table) {
        store.forget(table);
    }
}
