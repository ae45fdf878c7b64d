package org.distdata.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The catalog's definition of one table: kind, user-visible columns, primary key, indexes and
 * how rows are placed. A distributed table without a primary key carries a hidden row id
 * column ({@link #HIDDEN_ROW_ID}) as its distribution key; it is never shown to clients.
 */
public record TableDef(String name, TableKind kind, List<ColumnDef> columns, List<String> primaryKey,
                       String distributionColumn, boolean hiddenRowId, List<String> indexes) {

    public static final String HIDDEN_ROW_ID = "DD_ROWID";

    public Optional<ColumnDef> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public boolean isDistributed() {
        return kind == TableKind.DISTRIBUTED;
    }

    /** The distribution column's definition; the hidden row id is a BIGINT. */
    public ColumnDef distributionColumnDef() {
        if (hiddenRowId) {
            return new ColumnDef(HIDDEN_ROW_ID, java.sql.Types.BIGINT, "BIGINT", 19, 0, false);
        }
        return column(distributionColumn).orElseThrow();
    }

    public TableSummary summary(long rowEstimate) {
        return new TableSummary(name, kind, hiddenRowId ? null : distributionColumn, rowEstimate);
    }
}
