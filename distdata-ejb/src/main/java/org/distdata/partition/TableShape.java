package org.distdata.partition;

import java.util.List;

/**
 * A table's physical shape as a partition's Derby reports it: columns, primary key, index
 * names, and the column lists of every unique index (primary key and unique constraints
 * included).
 */
public record TableShape(List<ColumnDef> columns, List<String> primaryKey, List<String> indexes,
                         List<UniqueKey> uniqueKeys) {

    /** The columns of one unique index, in index order. */
    public record UniqueKey(String indexName, List<String> columns) {
    }
}
