package org.distdata.sql.gateway;

import org.apache.derby.vti.RestrictedVTI;
import org.apache.derby.vti.Restriction;
import org.apache.derby.vti.VTICosting;
import org.apache.derby.vti.VTIEnvironment;
import org.distdata.catalog.entity.TableDef;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A Derby table function that streams one table's rows from the partitions into the
 * gateway database. Derby pushes the referenced columns and simple restrictions down
 * through {@link RestrictedVTI}; {@link ScanFragment} turns them into the query each
 * partition runs. Rows of a table with a hidden row id are merged in insertion order.
 */
public final class PartitionScan extends NeutralValueResultSet implements RestrictedVTI, VTICosting {
    private final ScanContext context;
    private final TableDef table;
    private ScanFragment fragment;
    private int nextPartition;
    private RowCursor cursor;
    /** For tables with a hidden row id: all partition cursors, merged in row-id (insertion) order. */
    private PriorityQueue<Head> merge;
    private Object[] current;
    private Iterator<Object[]> replay;
    private List<Object[]> recording;
    private boolean closed;

    /** Used by Derby only to ask for costs (see {@link VTICosting}); never scans. */
    public PartitionScan() {
        this.context = null;
        this.table = null;
    }

    private PartitionScan(ScanContext context, TableDef table) {
        this.context = context;
        this.table = table;
    }

    /** Entry point named in the gateway's {@code CREATE FUNCTION ... EXTERNAL NAME}. */
    public static ResultSet scan(String tableName) {
        ScanContext ctx = ScanContext.current();
        return new PartitionScan(ctx, ctx.catalog().require(tableName));
    }

    @Override
    public void initScan(String[] columnNames, Restriction restriction) throws SQLException {
        fragment = ScanFragment.of(table, columnNames, restriction, context.partitionCount(), context.partitioner());
        List<Object[]> cached = context.materialized(fragment.cacheKey());
        if (cached != null) {
            replay = cached.iterator();
        } else {
            recording = new ArrayList<>();
        }
    }

    /**
     * Advances to the next row. Derby re-opens the scan of an inner join table for every outer
     * row, so the first complete pass is recorded and later passes within the same statement
     * replay it instead of going back to the partitions.
     */
    @Override
    public boolean next() throws SQLException {
        if (fragment == null) {
            initScan(null, null);
        }
        StatementTimeout.check();
        if (replay != null) {
            current = replay.hasNext() ? replay.next() : null;
            return current != null;
        }
        boolean more = fragment.rowIdIndex() >= 0 ? nextInRowIdOrder() : nextInPartitionOrder();
        if (!more) {
            current = null;
            if (recording != null) {
                context.materialize(fragment.cacheKey(), recording);
                recording = null;
            }
            return false;
        }
        current = new Object[fragment.width()];
        for (int i = 0; i < current.length && i < cursor.columns().size(); i++) {
            current[i] = cursor.get(i);
        }
        if (recording != null) {
            recording.add(current);
            if (recording.size() > ScanContext.MAX_MATERIALIZED_ROWS) {
                recording = null; // too big to keep; re-scans go back to the partitions
            }
        }
        return true;
    }

    private boolean nextInPartitionOrder() throws SQLException {
        while (true) {
            if (cursor != null) {
                if (cursor.next()) {
                    return true;
                }
                cursor.close();
                cursor = null;
            }
            int p = fragment.partitions().nextSetBit(nextPartition);
            if (p < 0) {
                return false;
            }
            nextPartition = p + 1;
            cursor = context.work().query(p, fragment.sql(), fragment.params());
        }
    }

    private boolean nextInRowIdOrder() throws SQLException {
        if (merge == null) {
            merge = new PriorityQueue<>();
            for (int p = fragment.partitions().nextSetBit(0); p >= 0; p = fragment.partitions().nextSetBit(p + 1)) {
                RowCursor c = context.work().query(p, fragment.sql(), fragment.params());
                if (c.next()) {
                    merge.add(new Head(c, ((Number) c.get(fragment.rowIdIndex())).longValue()));
                } else {
                    c.close();
                }
            }
        } else if (cursor != null) {
            if (cursor.next()) {
                merge.add(new Head(cursor, ((Number) cursor.get(fragment.rowIdIndex())).longValue()));
            } else {
                cursor.close();
            }
            cursor = null;
        }
        Head head = merge.poll();
        if (head == null) {
            return false;
        }
        cursor = head.cursor();
        return true;
    }

    /** A partition cursor positioned on a row, ordered by that row's hidden row id. */
    private record Head(RowCursor cursor, long rowId) implements Comparable<Head> {
        @Override
        public int compareTo(Head o) {
            return Long.compare(rowId, o.rowId);
        }
    }

    @Override
    protected Object columnValue(int column) {
        int idx = fragment.position(column - 1);
        return idx < 0 ? null : current[idx];
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
            if (merge != null) {
                merge.forEach(h -> h.cursor().close());
                merge.clear();
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    // --- costing: a remote scan is expensive to start, so Derby should not re-open it per outer row

    @Override
    public double getEstimatedRowCount(VTIEnvironment env) {
        return 10_000;
    }

    @Override
    public double getEstimatedCostPerInstantiation(VTIEnvironment env) {
        return 1_000_000;
    }

    @Override
    public boolean supportsMultipleInstantiations(VTIEnvironment env) {
        return true; // re-scans replay the statement's materialized copy (see ScanContext)
    }
}
