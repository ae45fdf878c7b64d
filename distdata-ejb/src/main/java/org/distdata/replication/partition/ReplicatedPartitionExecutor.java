package org.distdata.replication.partition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongFunction;

import org.distdata.clock.HybridClock;
import org.distdata.clock.TransactionIds;
import org.distdata.partition.LocalPartitionExecutor;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TableShape;
import org.distdata.partition.WriteTransaction;

/**
 * The SQL engine's way to partitions in a replicated cluster: reads go to each partition's
 * leader as linearizable reads, writes run in branches at the leaders and commit atomically
 * across partitions (see {@link ReplicatedWriteTransaction}). The leader is this node or any other; the
 * {@code services} function gives the local service for this node's id and a remote one for
 * the others.
 */
public final class ReplicatedPartitionExecutor implements PartitionExecutor {

    private static final Duration DESCRIBE_WAIT = Duration.ofSeconds(10);

    private final int partitions;
    private final String nodeName;
    private final HybridClock clock;
    private final LeaderCalls calls;
    private final LocalPartitionExecutor localReplicas;
    private final java.util.concurrent.Executor twoPhaseWork;

    /**
     * {@code twoPhaseWork} runs the parallel calls of two-phase commit (it should not bound their
     * number); transaction ids are {@code nodeName} and a {@code clock} timestamp.
     */
    public ReplicatedPartitionExecutor(int partitions, String nodeName, HybridClock clock, LeaderDirectory directory,
                                       LongFunction<PartitionService> services, java.util.function.LongPredicate reachable,
                                       LocalPartitionExecutor localReplicas, Duration leaderWait,
                                       java.util.concurrent.Executor twoPhaseWork) {
        this.partitions = partitions;
        this.twoPhaseWork = twoPhaseWork;
        this.nodeName = nodeName;
        this.clock = clock;
        this.calls = new LeaderCalls(directory, services, reachable, leaderWait);
        this.localReplicas = localReplicas;
    }

    @Override
    public int partitionCount() {
        return partitions;
    }

    @Override
    public RowCursor query(int partition, String sql, List<Object> params) throws SQLException {
        return calls.call(partition, leader -> leader.read(partition, sql, params)).value();
    }

    /**
     * Describes a table from this node's own replica, waiting briefly for it to apply the DDL
     * that created it (the gateway describes right after its CREATE committed at the leader).
     */
    @Override
    public Optional<TableShape> describe(int partition, String table) throws SQLException {
        long deadline = System.nanoTime() + DESCRIBE_WAIT.toNanos();
        while (true) {
            Optional<TableShape> shape = localReplicas.describe(partition, table);
            if (shape.isPresent() || System.nanoTime() - deadline > 0) {
                return shape;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return shape;
            }
        }
    }

    LeaderCalls calls() {
        return calls;
    }

    @Override
    public WriteTransaction begin() {
        return new ReplicatedWriteTransaction(TransactionIds.of(nodeName, clock.now()), false, calls, twoPhaseWork);
    }

    @Override
    public WriteTransaction begin(String transactionId) {
        return new ReplicatedWriteTransaction(transactionId, true, calls, twoPhaseWork);
    }

    /** Asks every candidate partition in parallel: a recorded commit anywhere is the outcome. */
    @Override
    public Optional<Boolean> settle(String transactionId, Collection<Integer> candidates) {
        Duration limit = StatementTimeout.remaining();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int partition : candidates) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                if (limit != null) {
                    StatementTimeout.set(limit);
                }
                try {
                    return calls.call(partition, leader -> leader.decide(transactionId, partition, false)).value();
                } catch (SQLException e) {
                    throw new CompletionException(e);
                } finally {
                    StatementTimeout.clear();
                }
            }, twoPhaseWork));
        }
        boolean settled = true;
        for (CompletableFuture<Boolean> answer : answers) {
            try {
                if (answer.join()) {
                    return Optional.of(true);
                }
            } catch (CompletionException e) {
                settled = false; // that partition could not record an abort: it may still hold a commit
            }
        }
        return settled ? Optional.of(false) : Optional.empty();
    }
}
