package org.distdata.partition.remote;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.error.ErrorTranslator;
import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TxnBranch;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.message.BranchCommit;
import org.distdata.transport.message.BranchEnded;
import org.distdata.transport.message.BranchQuery;
import org.distdata.transport.message.BranchRollback;
import org.distdata.transport.message.BranchUpdate;
import org.distdata.transport.message.BranchUpdateBatch;
import org.distdata.transport.message.MessageCodec;
import org.distdata.transport.message.PartitionRead;
import org.distdata.transport.message.TxnDecide;
import org.distdata.transport.message.TxnDecision;
import org.distdata.transport.message.TxnFinish;
import org.distdata.transport.message.TxnPrepare;
import org.distdata.transport.message.TxnVote;
import org.distdata.transport.message.UpdateCount;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.ResponseStream;
import org.distdata.transport.net.TransportException;

/**
 * The {@link PartitionService} of one other node, called over the node transport: each call
 * is a request to that node's {@link PartitionServiceEndpoint}. Statements, commit and
 * rollback are request/response; queries and reads come back as a {@link RowCursor} whose
 * rows stream in batches with backpressure.
 *
 * <p>Every call has a deadline: what is left of the calling thread's statement time limit
 * ({@link StatementTimeout#remaining()}), which also travels to the peer so that its Derby
 * statements stop at the same moment, or else the default timeout given here (for streams,
 * the longest wait for the next batch). Failures arrive as they were raised at the peer: an
 * {@link SQLException} with its SQLState, vendor code and message, a
 * {@link org.distdata.partition.NotLeaderException}, a {@link DistDataException} with its
 * code, detail and extensions. A peer that cannot be reached or does not answer in time
 * gives the retryable {@code NODE_UNAVAILABLE}; whether it acted on the call is then
 * unknown. Thread-safe.
 */
public final class RemotePartitionService implements PartitionService {

    /** Rows per streamed batch unless the constructor says otherwise. */
    public static final int DEFAULT_BATCH_ROWS = 1000;
    /** Statement batches are sent in parts of about this many bytes (or the frame limit's quarter, if smaller). */
    private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    /** Slack beyond a call's deadline for the transport's own timer to fire first. */
    private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final NodeTransport transport;
    private final String peer;
    private final Duration defaultTimeout;
    private final int batchRows;
    private final long maxRequestBytes;
    private final MessageCodec codec = new MessageCodec();

    /** Calls {@code peer} over {@code transport}, with the transport's request timeout as default. */
    public RemotePartitionService(NodeTransport transport, String peer) {
        this(transport, peer, transport.config().requestTimeout(), DEFAULT_BATCH_ROWS);
    }

    /**
     * Calls {@code peer} (a transport peer name) over {@code transport}; {@code defaultTimeout}
     * bounds calls made with no statement time limit; {@code batchRows} caps the rows per
     * streamed batch.
     */
    public RemotePartitionService(NodeTransport transport, String peer, Duration defaultTimeout, int batchRows) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        if (defaultTimeout.isNegative() || defaultTimeout.isZero() || batchRows < 1) {
            throw new IllegalArgumentException("need a positive default timeout and batchRows >= 1");
        }
        this.batchRows = batchRows;
        this.maxRequestBytes = Math.min(MAX_REQUEST_BYTES, transport.config().maxFrameBytes() / 4);
    }

    /** The node this service calls. */
    public String peer() {
        return peer;
    }

    @Override
    public long update(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        return call(new BranchUpdate(branch.transactionId(), branch.partition(), sql, params, statementMillis()),
                UpdateCount.class).count();
    }

    /**
     * Sends the rows in as many requests as it takes to keep each well under the frame limit,
     * all in the branch's one transaction, and sums their counts. A failure part-way leaves the
     * earlier parts done in the live transaction, as a failing local batch leaves its earlier
     * rows; the gateway rolls the branch back either way.
     */
    @Override
    public long updateBatch(TxnBranch branch, String sql, List<List<Object>> rows) throws SQLException {
        long total = 0;
        for (List<List<Object>> part : parts(rows, maxRequestBytes - 3L * sql.length())) {
            total += call(new BranchUpdateBatch(branch.transactionId(), branch.partition(), sql, part,
                    statementMillis()), UpdateCount.class).count();
        }
        return total;
    }

    @Override
    public RowCursor query(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        return stream(new BranchQuery(branch.transactionId(), branch.partition(), sql, params, batchRows,
                statementMillis()));
    }

    @Override
    public RowCursor read(int partition, String sql, List<Object> params) throws SQLException {
        return stream(new PartitionRead(partition, sql, params, batchRows, statementMillis()));
    }

    @Override
    public void commit(TxnBranch branch, boolean recordOutcome) throws SQLException {
        call(new BranchCommit(branch.transactionId(), branch.partition(), recordOutcome, statementMillis()),
                BranchEnded.class);
    }

    @Override
    public void rollback(TxnBranch branch) {
        try {
            call(new BranchRollback(branch.transactionId(), branch.partition(), statementMillis()), BranchEnded.class);
        } catch (SQLException e) {
            throw ErrorTranslator.translate(e); // a local rollback raises none; keep the peer's state if one does
        }
    }

    @Override
    public boolean prepare(TxnBranch branch, int home) throws SQLException {
        return call(new TxnPrepare(branch.transactionId(), branch.partition(), home, statementMillis()),
                TxnVote.class).prepared();
    }

    @Override
    public boolean decide(String transactionId, int home, boolean commit) throws SQLException {
        return call(new TxnDecide(transactionId, home, commit, statementMillis()), TxnDecision.class).commit();
    }

    @Override
    public void finish(TxnBranch branch, boolean commit) throws SQLException {
        call(new TxnFinish(branch.transactionId(), branch.partition(), commit, statementMillis()), BranchEnded.class);
    }

    private <T> T call(Object request, Class<T> answer) throws SQLException {
        Duration timeout = callTimeout();
        CompletableFuture<Frame> reply = transport.request(peer, codec.typeOf(request).code(), 0, codec.encode(request),
                timeout);
        try {
            Frame frame = reply.get(timeout.toNanos() + GUARD_NANOS, TimeUnit.NANOSECONDS);
            return answer.cast(codec.decode(frame));
        } catch (ExecutionException e) {
            throw rethrow(PartitionFailures.fromRemote(e, peer));
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw PartitionFailures.unavailable(peer, e);
        } catch (InterruptedException e) {
            reply.cancel(false);
            Thread.currentThread().interrupt();
            throw new DistDataException(ErrorCode.INTERNAL, "interrupted while calling node " + peer, e);
        } catch (FrameDecodingException | ClassCastException e) {
            throw new DistDataException(ErrorCode.INTERNAL, "node " + peer + " answered "
                    + request.getClass().getSimpleName() + " with an unreadable message: " + e.getMessage(), e);
        }
    }

    private RowCursor stream(Object request) throws SQLException {
        ResponseStream stream;
        try {
            stream = transport.stream(peer, codec.typeOf(request).code(), 0, codec.encode(request), callTimeout());
        } catch (TransportException e) {
            throw PartitionFailures.unavailable(peer, e);
        }
        return RemoteRowCursor.open(stream, peer);
    }

    /** Consecutive runs of {@code rows} of about {@code maxBytes} each; one (empty) part for no rows. */
    private static List<List<List<Object>>> parts(List<List<Object>> rows, long maxBytes) {
        List<List<List<Object>>> parts = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            long row = WireSizes.ofRow(rows.get(i));
            if (i > from && bytes + row > maxBytes) {
                parts.add(rows.subList(from, i));
                from = i;
                bytes = 0;
            }
            bytes += row;
        }
        parts.add(rows.subList(from, rows.size()));
        return parts;
    }

    private Duration callTimeout() {
        Duration remaining = StatementTimeout.remaining();
        return remaining != null ? remaining : defaultTimeout;
    }

    /** The statement's remaining time limit for the peer, 0 when it has none (as with a local call). */
    private static long statementMillis() {
        Duration remaining = StatementTimeout.remaining();
        return remaining == null ? 0 : Math.max(1, remaining.toMillis());
    }

    private static SQLException rethrow(Exception failure) {
        if (failure instanceof SQLException e) {
            return e;
        }
        throw (RuntimeException) failure;
    }
}
