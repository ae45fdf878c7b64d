package org.distdata.partition.remote;

import java.sql.SQLException;
import java.util.List;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.RowCursor;
import org.distdata.relation.ColumnInfo;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.message.MessageCodec;
import org.distdata.transport.message.RowBatch;
import org.distdata.transport.net.ResponseStream;
import org.distdata.transport.net.TransportException;

/**
 * The rows of a remote query or read as they stream in: one {@link RowBatch} decoded at a
 * time, the transport holding at most its stream window of batches ahead (and pausing the
 * peer beyond that). Closing it before the end cancels the query at the peer, which closes
 * its cursor there. Not thread-safe, like a JDBC result set.
 */
final class RemoteRowCursor implements RowCursor {

    private static final MessageCodec CODEC = new MessageCodec();

    private final ResponseStream stream;
    private final String peer;
    private List<ColumnInfo> columns;
    private List<String> ddlTypes;
    private List<List<Object>> batch = List.of();
    private int position;
    private List<Object> row;
    private boolean closed;

    private RemoteRowCursor(ResponseStream stream, String peer) {
        this.stream = stream;
        this.peer = peer;
    }

    /**
     * Waits for the first batch, which names the columns, so that a query the peer refuses
     * fails here, as it would locally.
     */
    static RemoteRowCursor open(ResponseStream stream, String peer) throws SQLException {
        RemoteRowCursor cursor = new RemoteRowCursor(stream, peer);
        try {
            RowBatch first = cursor.fetch();
            if (first == null || first.columns().isEmpty()) {
                throw malformed(peer, "the first batch of rows does not name the columns");
            }
            cursor.columns = first.columns().stream().map(c -> new ColumnInfo(c.name(), c.type())).toList();
            cursor.ddlTypes = first.columns().stream().map(RowBatch.Column::ddlType).toList();
            cursor.accept(first);
            return cursor;
        } catch (SQLException | RuntimeException e) {
            stream.close();
            throw e;
        }
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
        if (closed) {
            throw new SQLException("ResultSet not open: the cursor from node " + peer + " is closed", "XCL16");
        }
        while (position >= batch.size()) {
            RowBatch next = fetch();
            if (next == null) {
                row = null;
                batch = List.of();
                position = 0;
                return false;
            }
            if (!next.columns().isEmpty()) {
                throw malformed(peer, "a batch after the first names columns");
            }
            accept(next);
        }
        row = batch.get(position++);
        return true;
    }

    @Override
    public Object get(int index) throws SQLException {
        if (row == null) {
            throw new SQLException("Invalid cursor state: no current row", "24000");
        }
        if (index < 0 || index >= row.size()) {
            throw new SQLException("The column position '" + (index + 1) + "' is out of range. The number of columns"
                    + " for this ResultSet is '" + row.size() + "'.", "XCL14");
        }
        return row.get(index);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            row = null;
            batch = List.of();
            stream.close();
        }
    }

    /** The next batch, or null at the end of the stream. */
    private RowBatch fetch() throws SQLException {
        try {
            if (!stream.hasNext()) {
                return null;
            }
            return (RowBatch) CODEC.decode(stream.next());
        } catch (FrameDecodingException | ClassCastException e) {
            throw malformed(peer, e.getMessage());
        } catch (TransportException e) {
            Exception failure = PartitionFailures.fromRemote(e, peer);
            if (failure instanceof SQLException sql) {
                throw sql;
            }
            throw (RuntimeException) failure;
        }
    }

    private void accept(RowBatch next) {
        for (List<Object> r : next.rows()) {
            if (r.size() != columns.size()) {
                throw malformed(peer, "a row of " + r.size() + " values under " + columns.size() + " columns");
            }
        }
        batch = next.rows();
        position = 0;
    }

    private static DistDataException malformed(String peer, String what) {
        return new DistDataException(ErrorCode.INTERNAL, "node " + peer + " sent malformed rows: " + what);
    }
}
