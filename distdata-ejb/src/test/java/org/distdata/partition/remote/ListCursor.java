package org.distdata.partition.remote;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.distdata.partition.RowCursor;
import org.distdata.relation.ColumnInfo;

/**
 * A leader-side cursor over rows made on demand by {@code row}, for {@code size} rows: it
 * counts the rows it has produced and notes when it is closed, so that tests can see how far
 * ahead of the consumer the leader runs. {@code failAt} makes the row of that number throw.
 */
final class ListCursor implements RowCursor {

    final AtomicInteger produced = new AtomicInteger();
    final CountDownLatch closed = new CountDownLatch(1);
    private final List<ColumnInfo> columns;
    private final List<String> ddlTypes;
    private final int size;
    private final IntFunction<List<Object>> row;
    private final int failAt;
    private List<Object> current;

    ListCursor(List<ColumnInfo> columns, List<String> ddlTypes, int size, IntFunction<List<Object>> row, int failAt) {
        this.columns = columns;
        this.ddlTypes = ddlTypes;
        this.size = size;
        this.row = row;
        this.failAt = failAt;
    }

    static ListCursor of(List<ColumnInfo> columns, List<String> ddlTypes, List<List<Object>> rows) {
        return new ListCursor(columns, ddlTypes, rows.size(), rows::get, -1);
    }

    /** {@code size} rows (ID INTEGER, NAME VARCHAR(20)): (i, "row-i"). */
    static ListCursor numbered(int size) {
        return numbered(size, -1);
    }

    static ListCursor numbered(int size, int failAt) {
        return new ListCursor(List.of(new ColumnInfo("ID", "INTEGER"), new ColumnInfo("NAME", "VARCHAR")),
                List.of("INTEGER", "VARCHAR(20)"), size, i -> List.of(i, "row-" + i), failAt);
    }

    /** {@code size} rows (ID INTEGER, NAME VARCHAR(20), PAD VARCHAR(200)): (i, "row-i", 200 characters). */
    static ListCursor padded(int size) {
        String pad = "x".repeat(200);
        return new ListCursor(List.of(new ColumnInfo("ID", "INTEGER"), new ColumnInfo("NAME", "VARCHAR"),
                new ColumnInfo("PAD", "VARCHAR")), List.of("INTEGER", "VARCHAR(20)", "VARCHAR(200)"), size,
                i -> List.of(i, "row-" + i, pad), -1);
    }

    static ListCursor empty() {
        return numbered(0);
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
        int n = produced.get();
        if (n == failAt) {
            throw new SQLException("A lock could not be obtained within the time requested", "40XL1", 30000);
        }
        if (n >= size) {
            current = null;
            return false;
        }
        current = row.apply(n);
        produced.incrementAndGet();
        return true;
    }

    @Override
    public Object get(int index) {
        return current.get(index);
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
