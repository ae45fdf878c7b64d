package org.distdata.partition;

import java.sql.Types;

/** A column of a table as its partitions hold it: name, JDBC type and the Derby type text. */
public record ColumnDef(String name, int jdbcType, String typeName, int size, int scale, boolean nullable) {

    /** The type as Derby DDL spells it, e.g. {@code VARCHAR(40)} or {@code DECIMAL(10,2)}. */
    public String ddlType() {
        return switch (jdbcType) {
            case Types.CHAR, Types.VARCHAR -> typeName + "(" + size + ")";
            case Types.DECIMAL, Types.NUMERIC -> typeName + "(" + size + "," + scale + ")";
            case Types.CLOB, Types.BLOB -> typeName + "(" + size + ")";
            case Types.BINARY -> "CHAR(" + size + ") FOR BIT DATA";
            case Types.VARBINARY -> "VARCHAR(" + size + ") FOR BIT DATA";
            default -> typeName;
        };
    }
}
