package org.distdata.partition;

import org.distdata.sql.ColumnInfo;

import java.sql.SQLException;
import java.util.List;

/**
 * A forward-only stream of rows coming back from one partition fragment. Values are the
 * JDBC-neutral Java values of {@link org.distdata.sql.SqlResult}.
 */
public interface RowCursor extends AutoCloseable {

    List<ColumnInfo> columns();

    /** Advances to the next row; false at the end. */
    boolean next() throws SQLException;

    /** Value of column {@code index} (0-based) of the current row. */
    Object get(int index) throws SQLException;

    @Override
    void close();
}
