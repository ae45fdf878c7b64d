package org.distdata.partition;

import org.distdata.relation.ColumnInfo;

import java.sql.SQLException;
import java.util.List;

/**
 * A forward-only stream of rows coming back from one partition fragment. Values are the
 * JDBC-neutral Java values of {@link org.distdata.relation.SqlResult}.
 */
public interface RowCursor extends AutoCloseable {

    List<ColumnInfo> columns();

    /**
     * Each column's type as Derby DDL spells it ({@code DECIMAL(10,2)}, {@code VARCHAR(40)}); by
     * default derived from the type names alone, with the widest sizes.
     */
    default List<String> ddlTypes() {
        return columns().stream().map(c -> switch (c.type()) {
            case "VARCHAR", "CHAR", "LONG VARCHAR" -> "VARCHAR(32672)";
            case "DECIMAL", "NUMERIC" -> "DECIMAL(31,10)";
            default -> c.type();
        }).toList();
    }

    /** Advances to the next row; false at the end. */
    boolean next() throws SQLException;

    /** Value of column {@code index} (0-based) of the current row. */
    Object get(int index) throws SQLException;

    @Override
    void close();
}
