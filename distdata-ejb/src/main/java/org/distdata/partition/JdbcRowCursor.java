package org.distdata.partition;

import org.distdata.relation.ColumnInfo;
import org.distdata.relation.JdbcValues;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A {@link RowCursor} over a JDBC result set; closing it may hand back the session. */
public final class JdbcRowCursor implements RowCursor {
    private final ResultSet rs;
    private final List<ColumnInfo> columns;
    private final int[] types;
    private final List<String> ddlTypes;
    private final Runnable onClose;
    private boolean closed;

    public JdbcRowCursor(ResultSet rs, Runnable onClose) throws SQLException {
        this.rs = rs;
        this.columns = JdbcValues.columns(rs.getMetaData());
        this.types = JdbcValues.types(rs.getMetaData());
        // now, while the result set is open: once exhausted it may be closed, and its sizes lost
        this.ddlTypes = JdbcValues.ddlTypes(rs.getMetaData());
        this.onClose = onClose;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public List<String> ddlTypes() {
        return ddlTypes;
    }

    @Override
    public boolean next() throws SQLException {
        return rs.next();
    }

    @Override
    public Object get(int index) throws SQLException {
        return JdbcValues.read(rs, index + 1, types[index]);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rs.close();
        } catch (SQLException ignored) {
            // the session is released either way
        }
        onClose.run();
    }
}
