package org.distdata.replication.partition;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.JdbcRowCursor;
import org.distdata.partition.NotLeaderException;
import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TxnBranch;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.ReadMode;
import org.distdata.relation.JdbcValues;
import org.distdata.replication.GroupIds;
import org.distdata.replication.RaftGroups;
import org.distdata.storage.PartitionSession;

/**
 * The partitions this node leads, served to every gateway (this node's own and, through the
 * transport endpoint, the others'). Statements run in live branches under Derby's locks; a
 * commit seals the branch, proposes its write set to the partition's group and returns once
 * the entry is committed and the live transaction committed with it. Reads outside a
 * transaction first confirm the leadership (lease, else ReadIndex) and wait until this
 * replica has applied that far.
 */
public final class LeaderPartitionService implements PartitionService {

    /** Limit for waiting on the group when the client statement set none. */
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final Duration LOST_LEADERSHIP_GRACE = Duration.ofSeconds(3);

    private final RaftGroups groups;
    private final PartitionStateMachine replicas;
    private final NonDeterministicValues values;
    private final long incarnation = new SecureRandom().nextLong();
    private final AtomicLong sequence = new AtomicLong();

    public LeaderPartitionService(RaftGroups groups, PartitionStateMachine replicas, Clock clock) {
        this.groups = groups;
        this.replicas = replicas;
        this.values = new NonDeterministicValues(clock);
    }

    @Override
    public long update(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        WriteSet.Kind kind = WriteSet.kindOf(sql, params);
        String resolved = values.resolve(sql);
        return inBranch(branch, live -> live.update(kind, resolved, List.of(params)));
    }

    @Override
    public long updateBatch(TxnBranch branch, String sql, List<List<Object>> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        String resolved = values.resolve(sql);
        return inBranch(branch, live -> live.update(WriteSet.Kind.BATCH, resolved, rows));
    }

    @Override
    public RowCursor query(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        return inBranch(branch, live -> live.query(sql, params));
    }

    private interface BranchWork<T> {
        T run(LiveBranch live) throws SQLException;
    }

    /**
     * Runs {@code work} in {@code branch}'s live transaction, beginning it when this is its
     * first statement. A first statement that fails ends the branch at once: the gateway
     * never learnt of it, so nothing else would roll it back and release its locks.
     */
    private <T> T inBranch(TxnBranch branch, BranchWork<T> work) throws SQLException {
        PartitionReplica replica = replica(branch.partition());
        boolean first = !replica.hasBranch(branch);
        LiveBranch live = replica.branch(branch, true);
        try {
            return work.run(live);
        } catch (SQLException | RuntimeException e) {
            if (first && replica.remove(branch) != null) {
                live.rollback();
            }
            throw e;
        }
    }

    @Override
    public RowCursor read(int partition, String sql, List<Object> params) throws SQLException {
        PartitionReplica replica = replica(partition);
        replica.requireServing();
        long index = await(groups.read(GroupIds.ofPartition(partition), ReadMode.LEASE), partition, "confirm its leadership");
        awaitApplied(replica, index);
        PartitionSession session = replica.borrow();
        try {
            var ps = session.prepare(sql);
            StatementTimeout.apply(ps);
            JdbcValues.bindAll(ps, params);
            return new JdbcRowCursor(ps.executeQuery(), session::release);
        } catch (SQLException | RuntimeException e) {
            session.release();
            throw e;
        }
    }

    @Override
    public void commit(TxnBranch branch, boolean recordOutcome) throws SQLException {
        sealAndPropose(branch, "committed",
                writes -> new PartitionCommand.Commit(recordOutcome ? branch.transactionId() : null, writes));
    }

    @Override
    public boolean prepare(TxnBranch branch, int home) throws SQLException {
        return sealAndPropose(branch, "prepared",
                writes -> new PartitionCommand.Prepare(branch.transactionId(), home, writes));
    }

    /**
     * Ends {@code branch}'s statements: a branch that wrote nothing is rolled back (false);
     * otherwise its write set is sealed, proposed as {@code command} and awaited until applied
     * here (true). {@code outcome} names what did not happen when the branch is not open.
     */
    private boolean sealAndPropose(TxnBranch branch, String outcome,
                                   java.util.function.Function<WriteSet, PartitionCommand> command)
            throws SQLException {
        PartitionReplica replica = replica(branch.partition());
        LiveBranch live = replica.remove(branch);
        if (live == null && replica.lostToLeaderChange(branch)) {
            throw new NotLeaderException(branch.partition(), replica.leaderHint());
        }
        if (live == null) {
            throw new SQLException("transaction branch " + branch.transactionId() + " is not open on partition "
                    + branch.partition() + " (it ended, or the partition's leader changed); nothing was " + outcome,
                    "40XT8");
        }
        if (!live.hasWrites()) {
            live.rollback();
            return false;
        }
        ProposalId id = new ProposalId(groups.self(), incarnation, sequence.incrementAndGet());
        WriteSet writes = live.seal(id);
        CompletableFuture<Long> applied = replica.expect(id, live);
        proposeAndAwait(replica, branch.partition(), id, applied, command.apply(writes));
        return true;
    }

    @Override
    public boolean decide(String transactionId, int home, boolean commit) throws SQLException {
        PartitionReplica replica = replica(home);
        replica.requireServing();
        var known = replica.decision(transactionId);
        if (known.isPresent()) {
            return known.get();
        }
        long index = await(groups.propose(GroupIds.ofPartition(home),
                PartitionCommandCodec.encode(new PartitionCommand.Decide(transactionId, commit))), home,
                "record the outcome of transaction " + transactionId);
        awaitApplied(replica, index);
        return replica.decision(transactionId).orElseThrow(() -> new IllegalStateException(
                "partition " + home + " applied the decision of " + transactionId + " but has none"));
    }

    @Override
    public void finish(TxnBranch branch, boolean commit) throws SQLException {
        PartitionReplica replica = replica(branch.partition());
        replica.requireServing();
        if (!replica.isPrepared(branch.transactionId())) {
            rollback(branch);
            return;
        }
        long index = await(groups.propose(GroupIds.ofPartition(branch.partition()),
                PartitionCommandCodec.encode(new PartitionCommand.Finish(branch.transactionId(), commit))),
                branch.partition(), (commit ? "commit" : "abort") + " prepared transaction " + branch.transactionId());
        awaitApplied(replica, index);
    }

    /** Transactions prepared at the partitions this node leads longer than {@code limit} ago. */
    public List<InDoubt> inDoubt(Duration limit) {
        List<InDoubt> out = new java.util.ArrayList<>();
        for (PartitionReplica r : replicas.replicas()) {
            if (r.leads()) {
                r.preparedLongerThan(limit).forEach(p -> out.add(new InDoubt(new TxnBranch(p.transactionId(),
                        r.partition()), p.home())));
            }
        }
        return out;
    }

    /** A prepared branch waiting for its outcome, and the partition that holds the decision. */
    public record InDoubt(TxnBranch branch, int home) {
    }

    private void proposeAndAwait(PartitionReplica replica, int partition, ProposalId id,
                                 CompletableFuture<Long> applied, PartitionCommand command) {
        groups.propose(GroupIds.ofPartition(partition), PartitionCommandCodec.encode(command))
                .whenComplete((index, failure) -> {
                    if (failure != null) {
                        replica.abandon(id, failure instanceof java.util.concurrent.CompletionException c
                                && c.getCause() != null ? c.getCause() : failure);
                    }
                });
        awaitCommit(applied, replica, partition);
    }

    private static void awaitApplied(PartitionReplica replica, long index) {
        try {
            if (!replica.awaitApplied(index, waitLimit())) {
                throw new DistDataException(ErrorCode.TIMEOUT, "partition " + replica.partition()
                        + " did not apply index " + index + " in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "interrupted while waiting for partition "
                    + replica.partition());
        }
    }

    /**
     * Waits for a proposed write set to commit. A leader cut off from its quorum steps down
     * within an election timeout; once it has not led for {@link #LOST_LEADERSHIP_GRACE} the
     * client is told at once (the entry may still commit through a new leader, so the outcome
     * is unknown) instead of waiting out the whole statement time.
     */
    private void awaitCommit(CompletableFuture<Long> applied, PartitionReplica replica, int partition) {
        Duration limit = waitLimit();
        long deadline = System.nanoTime() + limit.toNanos();
        long notLeaderSince = 0;
        while (true) {
            try {
                applied.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (replica.leads()) {
                    notLeaderSince = 0;
                } else if (notLeaderSince == 0) {
                    notLeaderSince = now;
                } else if (now - notLeaderSince > LOST_LEADERSHIP_GRACE.toNanos()) {
                    throw new DistDataException(ErrorCode.NO_QUORUM, "this node lost the leadership of partition "
                            + partition + " (no quorum) before the write committed; the outcome is unknown");
                }
                if (now - deadline > 0) {
                    await(applied, partition, "commit"); // one last look, then the time-out error
                }
            } catch (InterruptedException | ExecutionException e) {
                await(applied, partition, "commit"); // reports the failure as await does
                return;
            }
        }
    }

    @Override
    public void rollback(TxnBranch branch) {
        replicas.replica(branch.partition()).map(r -> r.remove(branch)).ifPresent(LiveBranch::rollback);
    }

    private PartitionReplica replica(int partition) {
        return replicas.replica(partition).orElseThrow(() -> new NotLeaderException(partition, 0));
    }

    private long await(CompletableFuture<Long> future, int partition, String what) {
        Duration limit = waitLimit();
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DistDataException(ErrorCode.TIMEOUT, "partition " + partition + " could not " + what
                    + " within " + limit.toMillis() + " ms (no quorum?); the outcome is unknown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "interrupted while waiting for partition " + partition);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProposalRejectedException r) {
                throw new NotLeaderException(partition, r.leaderHint());
            }
            if (cause instanceof org.distdata.replication.NoQuorumException) {
                throw new DistDataException(ErrorCode.NO_QUORUM, "partition " + partition + " could not " + what
                        + ": its leader is not confirmed by a quorum", cause);
            }
            if (cause instanceof org.distdata.replication.ProposalOutcomeUnknownException) {
                throw new DistDataException(ErrorCode.TIMEOUT, "partition " + partition + " could not " + what
                        + " with a known outcome (a snapshot replaced the log first); the outcome is unknown", cause);
            }
            if (cause instanceof DistDataException d) {
                throw d;
            }
            throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "partition " + partition + " could not " + what
                    + ": " + cause.getMessage(), cause);
        }
    }

    private static Duration waitLimit() {
        Duration remaining = StatementTimeout.remaining();
        return remaining == null ? DEFAULT_WAIT : remaining;
    }
}
