package org.distdata.partition;

import org.distdata.catalog.ColumnDef;

import java.util.List;

/** A table's physical shape as a partition's Derby reports it: columns, primary key, index names. */
public record TableShape(List<ColumnDef> columns, List<String> primaryKey, List<String> indexes) {
}
