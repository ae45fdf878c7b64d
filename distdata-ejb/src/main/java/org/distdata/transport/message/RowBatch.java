package org.distdata.transport.message;

import java.util.List;
import java.util.Objects;

/**
 * One part of the rows a {@link BranchQuery} or {@link PartitionRead} streams back. The first
 * part names the columns (and holds the first rows, perhaps none); later parts leave
 * {@code columns} empty. Columns carry Derby's type name and DDL type, which the gateway
 * needs to hold rows in its own Derby tables. Row values are SQL values, nulls allowed;
 * byte arrays are not copied.
 */
public record RowBatch(List<Column> columns, List<List<Object>> rows) {

    /** Name, type name ({@code VARCHAR}) and type as DDL spells it ({@code VARCHAR(40)}) of one column. */
    public record Column(String name, String type, String ddlType) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(ddlType, "ddlType");
        }
    }

    public RowBatch {
        columns = List.copyOf(columns);
        rows = SqlValues.copyRows(rows);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowBatch b && b.columns.equals(columns) && SqlValues.equalRows(b.rows, rows);
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + SqlValues.hashRows(rows);
    }

    @Override
    public String toString() {
        return "RowBatch[columns=" + columns + ", rows=" + rows.size() + "]";
    }
}
