package org.distdata.catalog.entity;

import org.distdata.partition.ColumnDef;
import org.distdata.partition.TableShape;

import java.util.List;
import java.util.Optional;

/**
 * The catalog's definition of one table: kind, user-visible columns, primary key, indexes and
 * how rows are placed. A distributed table without a primary key carries a hidden row id
 * column ({@link #HIDDEN_ROW_ID}) as its distribution key; it is never shown to clients.
 */
public record TableDef(String name, TableKind kind, List<ColumnDef> columns, List<String> primaryKey,
                       String distributionColumn, boolean hiddenRowId, List<String> indexes,
                       List<TableShape.UniqueKey> uniqueKeys) {

    public static final String HIDDEN_ROW_ID = "DD_ROWID";

    /**
     * The definition of a table whose partitions report {@code shape}; the hidden row id
     * column, if the shape has it, is left out of the visible columns.
     */
    public static TableDef of(String name, TableKind kind, TableShape shape, String distributionColumn,
                              boolean hiddenRowId) {
        return new TableDef(name, kind,
                shape.columns().stream().filter(c -> !c.name().equals(HIDDEN_ROW_ID)).toList(),
                shape.primaryKey(), distributionColumn, hiddenRowId, shape.indexes(), shape.uniqueKeys());
    }

    public Optional<ColumnDef> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /**
     * Unique keys that a partition's own index cannot enforce: those of a distributed table
     * that leave out the distribution column, so equal keys may hash to different partitions.
     */
    public List<TableShape.UniqueKey> globalUniqueKeys() {
        if (!isDistributed()) {
            return List.of();
        }
        String key = distributionColumnDef().name();
        return uniqueKeys.stream().filter(u -> !u.columns().contains(key)).toList();
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
}
