package org.distdata.replication.partition;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TxnBranch;
import org.distdata.partition.WriteTransaction;

/**
 * A gateway's write transaction over replicated partitions: one branch per partition it
 * touches, each a live transaction at that partition's leader (this node or another). A
 * branch is opened by its first statement, which may follow the leader around; once open it
 * stays with its leader, and a leader change fails the transaction with nothing committed.
 *
 * <p>Commit: a transaction that wrote one partition commits through that partition's group
 * with one entry. Writes to several partitions commit atomically by two-phase commit over
 * their groups ({@link TwoPhaseCommit}). DDL alone is the exception: it is applied partition
 * by partition, since the catalog only shows a table once all have it.
 */
final class ReplicatedWriteTransaction implements WriteTransaction {

    private static final class Branch {
        final TxnBranch id;
        final PartitionService leader;
        final List<String> ddlStatements = new ArrayList<>();
        boolean wrote;
        boolean ddl;

        Branch(TxnBranch id, PartitionService leader) {
            this.id = id;
            this.leader = leader;
        }
    }

    private final String transactionId;
    private final boolean recordOutcome;
    private final LeaderCalls calls;
    private final Executor twoPhaseWork;
    private final Map<Integer, Branch> branches = new LinkedHashMap<>();
    private boolean ended;

    /**
     * {@code twoPhaseWork} runs the parallel calls of two-phase commit; {@code recordOutcome}
     * (an explicit transaction) makes a single-partition commit record its outcome too.
     */
    ReplicatedWriteTransaction(String transactionId, boolean recordOutcome, LeaderCalls calls, Executor twoPhaseWork) {
        this.transactionId = transactionId;
        this.recordOutcome = recordOutcome;
        this.calls = calls;
        this.twoPhaseWork = twoPhaseWork;
    }

    @Override
    public RowCursor query(int partition, String sql, List<Object> params) throws SQLException {
        return on(partition, (leader, branch) -> leader.query(branch, sql, params));
    }

    @Override
    public long update(int partition, String sql, List<Object> params) throws SQLException {
        long n = on(partition, (leader, branch) -> leader.update(branch, sql, params));
        Branch b = branches.get(partition);
        b.wrote = true;
        if (WriteSet.kindOf(sql, params) == WriteSet.Kind.DDL) {
            b.ddl = true;
            b.ddlStatements.add(sql);
        }
        return n;
    }

    @Override
    public long updateBatch(int partition, String sql, List<List<Object>> rows) throws SQLException {
        long n = on(partition, (leader, branch) -> leader.updateBatch(branch, sql, rows));
        branches.get(partition).wrote = true;
        return n;
    }

    private interface BranchCall<T> {
        T run(PartitionService leader, TxnBranch branch) throws SQLException;
    }

    private <T> T on(int partition, BranchCall<T> call) throws SQLException {
        if (ended) {
            throw new SQLException("the transaction has ended", "25000");
        }
        Branch b = branches.get(partition);
        if (b != null) {
            return call.run(b.leader, b.id);
        }
        TxnBranch id = new TxnBranch(transactionId, partition);
        LeaderCalls.Answered<T> answered = calls.call(partition, leader -> call.run(leader, id));
        branches.put(partition, new Branch(id, calls.service(answered.leader())));
        return answered.value();
    }

    @Override
    public void commit() throws SQLException {
        List<Branch> written = new ArrayList<>();
        for (Branch b : branches.values()) {
            if (b.wrote) {
                written.add(b);
            }
        }
        boolean allDdl = written.stream().allMatch(b -> b.ddl);
        ended = true;
        try {
            if (written.size() > 1 && !allDdl) {
                new TwoPhaseCommit(transactionId, calls, twoPhaseWork).commit(written.stream()
                        .map(b -> new TwoPhaseCommit.Participant(b.id, b.leader)).toList());
                return;
            }
            for (Branch b : written) {
                if (allDdl) {
                    commitDdl(b);
                } else {
                    b.leader.commit(b.id, recordOutcome);
                }
            }
        } finally {
            for (Branch b : branches.values()) {
                if (!b.wrote) {
                    b.leader.rollback(b.id);
                }
            }
        }
    }

    /**
     * Commits one partition's DDL; when the partition's leadership moved before the commit
     * (nothing of the branch committed), runs the same DDL again at the new leader, so a schema
     * change is not left on some partitions only because of an election.
     */
    private void commitDdl(Branch b) throws SQLException {
        try {
            b.leader.commit(b.id, false);
            return;
        } catch (org.distdata.partition.NotLeaderException e) {
            // fall through: nothing of this branch committed
        }
        for (int attempt = 1; ; attempt++) {
            TxnBranch retry = new TxnBranch(transactionId + "-r" + attempt, b.id.partition());
            try {
                calls.call(b.id.partition(), leader -> {
                    for (String sql : b.ddlStatements) {
                        leader.update(retry, sql, List.of());
                    }
                    leader.commit(retry, false);
                    return null;
                });
                return;
            } catch (org.distdata.partition.NotLeaderException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    @Override
    public java.util.OptionalInt decisionPartition() {
        if (!recordOutcome) {
            return java.util.OptionalInt.empty();
        }
        return branches.values().stream().filter(b -> b.wrote).mapToInt(b -> b.id.partition()).min();
    }

    @Override
    public void rollback() {
        if (ended) {
            return;
        }
        ended = true;
        for (Branch b : branches.values()) {
            try {
                b.leader.rollback(b.id);
            } catch (RuntimeException ignored) {
                // an unreachable leader rolls the branch back itself when it expires
            }
        }
    }
}
