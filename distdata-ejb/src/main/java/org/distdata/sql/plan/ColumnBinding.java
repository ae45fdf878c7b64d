package org.distdata.sql.plan;

import org.distdata.partition.ColumnDef;

/** What a column reference of the query resolved to: a column of the FROM table at {@code table}. */
public record ColumnBinding(int table, ColumnDef column) {
}
