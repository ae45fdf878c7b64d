package org.distdata.partition.remote;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TxnBranch;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.message.BranchCommit;
import org.distdata.transport.message.BranchEnded;
import org.distdata.transport.message.BranchQuery;
import org.distdata.transport.message.BranchRollback;
import org.distdata.transport.message.BranchUpdate;
import org.distdata.transport.message.BranchUpdateBatch;
import org.distdata.transport.message.MessageCodec;
import org.distdata.transport.message.MessageType;
import org.distdata.transport.message.PartitionRead;
import org.distdata.transport.message.TxnDecide;
import org.distdata.transport.message.TxnDecision;
import org.distdata.transport.message.TxnFinish;
import org.distdata.transport.message.TxnPrepare;
import org.distdata.transport.message.TxnVote;
import org.distdata.transport.message.UpdateCount;
import org.distdata.transport.net.ErrorReply;
import org.distdata.transport.net.InboundFrame;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.Reply;

/**
 * The serving side of {@link RemotePartitionService}: answers the partition service
 * messages arriving on a {@link NodeTransport} by calling this node's own
 * {@link PartitionService}. The calls run on the executor given here, never on the
 * transport's handler threads: a commit waits for its entry to commit and a linearizable read
 * for its read index, and both need Raft messages that arrive through those very threads.
 * Each call runs under the statement time limit the caller sent; rows stream back as the
 * requester takes them; failures go back as {@code SQL_FAILURE}, {@code NOT_LEADER} or
 * {@code ENGINE_FAILURE} so the caller can raise the same exception.
 */
public final class PartitionServiceEndpoint {

    /** Batches are cut at about this many bytes of values (or the frame limit's quarter, if smaller). */
    private static final int MAX_BATCH_BYTES = 1024 * 1024;
    /** Larger requests are clamped: one batch must stay a modest share of the stream window. */
    private static final int MAX_BATCH_ROWS = 10_000;
    /** Room a frame needs beyond its payload (header fields at their largest). */
    private static final int FRAME_OVERHEAD = 64;

    private final PartitionService local;
    private final Executor executor;
    private final MessageCodec codec = new MessageCodec();

    /**
     * Serves calls with {@code local}, this node's partition service, running them on
     * {@code executor} (in Payara, a managed executor; it should allow as many calls at once as
     * the node is to serve, since each may block on Derby locks).
     */
    public PartitionServiceEndpoint(PartitionService local, Executor executor) {
        this.local = Objects.requireNonNull(local, "local");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Registers the handlers of every partition service request on {@code transport}. */
    public void registerOn(NodeTransport transport) {
        int maxPayload = transport.config().maxFrameBytes() - FRAME_OVERHEAD;
        int maxBatchBytes = Math.min(MAX_BATCH_BYTES, transport.config().maxFrameBytes() / 4);
        transport.register(MessageType.BRANCH_UPDATE.code(), frame -> {
            BranchUpdate u = decode(frame, BranchUpdate.class);
            return answer(MessageType.UPDATE_COUNT, async(u.timeoutMillis(), () -> new UpdateCount(
                    local.update(branch(u.transactionId(), u.partition()), u.sql(), u.parameters()))));
        });
        transport.register(MessageType.BRANCH_UPDATE_BATCH.code(), frame -> {
            BranchUpdateBatch b = decode(frame, BranchUpdateBatch.class);
            return answer(MessageType.UPDATE_COUNT, async(b.timeoutMillis(), () -> new UpdateCount(
                    local.updateBatch(branch(b.transactionId(), b.partition()), b.sql(), b.rows()))));
        });
        transport.register(MessageType.BRANCH_QUERY.code(), frame -> {
            BranchQuery q = decode(frame, BranchQuery.class);
            return Reply.streamLater(MessageType.ROW_BATCH.code(), async(q.timeoutMillis(), () -> rows(
                    local.query(branch(q.transactionId(), q.partition()), q.sql(), q.parameters()),
                    q.batchRows(), maxBatchBytes, maxPayload, q.timeoutMillis())));
        });
        transport.register(MessageType.PARTITION_READ.code(), frame -> {
            PartitionRead r = decode(frame, PartitionRead.class);
            return Reply.streamLater(MessageType.ROW_BATCH.code(), async(r.timeoutMillis(), () -> rows(
                    local.read(r.partition(), r.sql(), r.parameters()),
                    r.batchRows(), maxBatchBytes, maxPayload, r.timeoutMillis())));
        });
        transport.register(MessageType.BRANCH_COMMIT.code(), frame -> {
            BranchCommit c = decode(frame, BranchCommit.class);
            return answer(MessageType.BRANCH_ENDED, async(c.timeoutMillis(), () -> {
                local.commit(branch(c.transactionId(), c.partition()), c.recordOutcome());
                return new BranchEnded();
            }));
        });
        registerTwoPhaseCommit(transport);
        transport.register(MessageType.BRANCH_ROLLBACK.code(), frame -> {
            BranchRollback r = decode(frame, BranchRollback.class);
            return answer(MessageType.BRANCH_ENDED, async(r.timeoutMillis(), () -> {
                local.rollback(branch(r.transactionId(), r.partition()));
                return new BranchEnded();
            }));
        });
    }

    private void registerTwoPhaseCommit(NodeTransport transport) {
        transport.register(MessageType.TXN_PREPARE.code(), frame -> {
            TxnPrepare p = decode(frame, TxnPrepare.class);
            return answer(MessageType.TXN_VOTE, async(p.timeoutMillis(), () -> new TxnVote(
                    local.prepare(branch(p.transactionId(), p.partition()), p.home()))));
        });
        transport.register(MessageType.TXN_DECIDE.code(), frame -> {
            TxnDecide d = decode(frame, TxnDecide.class);
            return answer(MessageType.TXN_DECISION, async(d.timeoutMillis(), () -> new TxnDecision(
                    local.decide(d.transactionId(), d.home(), d.commit()))));
        });
        transport.register(MessageType.TXN_FINISH.code(), frame -> {
            TxnFinish f = decode(frame, TxnFinish.class);
            return answer(MessageType.BRANCH_ENDED, async(f.timeoutMillis(), () -> {
                local.finish(branch(f.transactionId(), f.partition()), f.commit());
                return new BranchEnded();
            }));
        });
    }

    private Reply answer(MessageType type, CompletableFuture<?> message) {
        return Reply.later(type.code(), message.thenApply(codec::encode));
    }

    private static RowBatchSource rows(RowCursor cursor, int batchRows, int maxBatchBytes, int maxPayload,
                                       long timeoutMillis) {
        int rows = batchRows < 1 ? RemotePartitionService.DEFAULT_BATCH_ROWS : Math.min(batchRows, MAX_BATCH_ROWS);
        return new RowBatchSource(cursor, rows, maxBatchBytes, maxPayload, timeoutMillis);
    }

    private <T> T decode(InboundFrame frame, Class<T> type) {
        try {
            return type.cast(codec.decode(frame.frame()));
        } catch (FrameDecodingException | ClassCastException e) {
            throw new DistDataException(ErrorCode.BAD_REQUEST, "unreadable " + type.getSimpleName() + " from "
                    + frame.peer() + ": " + e.getMessage());
        }
    }

    private static TxnBranch branch(String transactionId, int partition) {
        try {
            return new TxnBranch(transactionId, partition);
        } catch (IllegalArgumentException e) {
            throw new DistDataException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    /** One call of the local service. */
    @FunctionalInterface
    private interface LocalCall<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code call} on the executor under the caller's statement time limit
     * ({@code timeoutMillis}, 0 for none); its failures become the answers that carry them
     * intact. A result that nobody wants any more (the requester cancelled) is closed.
     */
    private <T> CompletableFuture<T> async(long timeoutMillis, LocalCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                if (result.isDone()) {
                    return; // cancelled by the requester while it waited for a thread
                }
                try {
                    T value = timed(timeoutMillis, call);
                    if (!result.complete(value) && value instanceof AutoCloseable opened) {
                        closeQuietly(opened);
                    }
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new DistDataException(ErrorCode.NODE_UNAVAILABLE,
                    "this node takes no more partition calls (shutting down or overloaded)", e));
        }
        return result;
    }

    private static <T> T timed(long timeoutMillis, LocalCall<T> call) throws ErrorReply {
        if (timeoutMillis > 0) {
            StatementTimeout.set(Duration.ofMillis(timeoutMillis));
        }
        try {
            return call.run();
        } catch (SQLException | DistDataException e) {
            throw PartitionFailures.reply(e);
        } finally {
            StatementTimeout.clear();
        }
    }

    private static void closeQuietly(AutoCloseable opened) {
        try {
            opened.close();
        } catch (Exception e) {
            // nobody is left to tell: the requester has gone
        }
    }
}
