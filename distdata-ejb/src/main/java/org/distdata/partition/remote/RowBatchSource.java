package org.distdata.partition.remote;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.relation.ColumnInfo;
import org.distdata.transport.message.MessageCodec;
import org.distdata.transport.message.RowBatch;
import org.distdata.transport.net.ChunkSource;

/**
 * Serves a local {@link RowCursor} as a stream of {@link RowBatch} payloads. The transport
 * pulls a batch only while the requester's connection can take more bytes, so this node
 * holds one batch (at most {@code batchRows} rows and about {@code maxBatchBytes}) plus what
 * the transport has queued, never the whole result. The statement's deadline, if any, is
 * applied on whichever handler thread pulls. Closing it closes the cursor, also when the
 * requester cancels.
 */
final class RowBatchSource implements ChunkSource {

    private static final MessageCodec CODEC = new MessageCodec();

    private final RowCursor cursor;
    private final int batchRows;
    private final int maxBatchBytes;
    private final int maxPayloadBytes;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private final int width;
    private boolean first = true;
    private boolean exhausted;
    /** A failure of the cursor that waits until the rows read before it have gone out. */
    private Exception pending;

    /**
     * @param timeoutMillis the statement's time limit when the query started, 0 for none
     * @param maxPayloadBytes the largest payload a frame can carry
     */
    RowBatchSource(RowCursor cursor, int batchRows, int maxBatchBytes, int maxPayloadBytes, long timeoutMillis) {
        this.cursor = cursor;
        this.batchRows = batchRows;
        this.maxBatchBytes = maxBatchBytes;
        this.maxPayloadBytes = maxPayloadBytes;
        this.hasDeadline = timeoutMillis > 0;
        this.deadlineNanos = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
        this.width = cursor.columns().size();
    }

    @Override
    public byte[] next() throws Exception {
        if (pending != null) {
            throw PartitionFailures.reply(pending);
        }
        if (exhausted) {
            return null;
        }
        if (hasDeadline) {
            StatementTimeout.set(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
        }
        try {
            List<List<Object>> rows = rows();
            if (rows.isEmpty() && !first) {
                return null;
            }
            // The first batch goes out even when empty: it names the columns.
            RowBatch batch = new RowBatch(first ? columns() : List.of(), rows);
            first = false;
            byte[] payload = CODEC.encode(batch);
            if (payload.length > maxPayloadBytes) {
                throw new DistDataException(ErrorCode.PAYLOAD_TOO_LARGE, "a batch of rows of " + payload.length
                        + " bytes exceeds the frame limit (a single row too large to send)");
            }
            return payload;
        } catch (SQLException | DistDataException e) {
            throw PartitionFailures.reply(e);
        } finally {
            if (hasDeadline) {
                StatementTimeout.clear();
            }
        }
    }

    @Override
    public void close() {
        cursor.close();
    }

    private List<RowBatch.Column> columns() {
        List<ColumnInfo> info = cursor.columns();
        List<String> ddl = cursor.ddlTypes();
        List<RowBatch.Column> columns = new ArrayList<>(info.size());
        for (int i = 0; i < info.size(); i++) {
            columns.add(new RowBatch.Column(info.get(i).name(), info.get(i).type(), ddl.get(i)));
        }
        return columns;
    }

    /**
     * The next rows. A failure after some rows is held back until they have been sent, so that
     * the requester sees every row the cursor gave before the failure, as it would locally.
     */
    private List<List<Object>> rows() throws SQLException {
        List<List<Object>> rows = new ArrayList<>(Math.min(batchRows, 1024));
        long bytes = 0;
        try {
            while (rows.size() < batchRows && bytes < maxBatchBytes) {
                if (!cursor.next()) {
                    exhausted = true;
                    break;
                }
                List<Object> row = new ArrayList<>(width);
                for (int i = 0; i < width; i++) {
                    Object value = cursor.get(i);
                    row.add(value);
                    bytes += WireSizes.of(value);
                }
                rows.add(row);
            }
        } catch (SQLException | DistDataException e) {
            if (rows.isEmpty()) {
                throw e;
            }
            pending = e;
        }
        return rows;
    }
}
