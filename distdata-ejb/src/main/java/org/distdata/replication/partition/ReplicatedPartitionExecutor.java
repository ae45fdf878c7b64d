package org.distdata.replication.partition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.distdata.partition.LocalPartitionExecutor;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
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
    private final long self;
    private final LeaderCalls calls;
    private final LocalPartitionExecutor localReplicas;
    private final AtomicLong transactions = new AtomicLong();
    private final java.util.concurrent.Executor twoPhaseWork;

    /** {@code twoPhaseWork} runs the parallel calls of two-phase commit (it should not bound their number). */
    public ReplicatedPartitionExecutor(int partitions, long self, LeaderDirectory directory,
                                       LongFunction<PartitionService> services, java.util.function.LongPredicate reachable,
                                       LocalPartitionExecutor localReplicas, Duration leaderWait,
                                       java.util.concurrent.Executor twoPhaseWork) {
        this.partitions = partitions;
        this.twoPhaseWork = twoPhaseWork;
        this.self = self;
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
        return new ReplicatedWriteTransaction("n" + self + "-" + System.currentTimeMillis() + "-"
                + transactions.incrementAndGet(), calls, twoPhaseWork);
    }
}
