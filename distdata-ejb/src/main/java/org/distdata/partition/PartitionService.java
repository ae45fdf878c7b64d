package org.distdata.partition;

import java.sql.SQLException;
import java.util.List;

/**
 * What a node that leads partitions offers every gateway: statements run inside a branch's
 * live Derby transaction at the partition leader (SERIALIZABLE, Derby's locks are the lock
 * manager), the branch's commit through the partition's Raft group, and linearizable reads.
 * The local implementation runs on this node's leaders; the remote one sends the same calls
 * over the node transport to the node that leads the partition.
 *
 * <p>Failures: SQL errors arrive as {@link SQLException}s with Derby's SQLState, so the
 * gateway translates them exactly as it does for local partitions; cluster conditions arrive
 * as {@link org.distdata.error.DistDataException}s — {@code NOT_LEADER} is a
 * {@link NotLeaderException} naming the leader when known, {@code NO_QUORUM} and
 * {@code NODE_UNAVAILABLE} are retryable.
 */
public interface PartitionService {

    /** Runs a DML or DDL statement in {@code branch}'s live transaction; returns its update count. */
    long update(TxnBranch branch, String sql, List<Object> params) throws SQLException;

    /** Runs a DML statement once per parameter row in {@code branch}; returns the summed update count. */
    long updateBatch(TxnBranch branch, String sql, List<List<Object>> rows) throws SQLException;

    /** Runs a query inside {@code branch}, under its locks. The caller closes the cursor. */
    RowCursor query(TxnBranch branch, String sql, List<Object> params) throws SQLException;

    /**
     * A linearizable read of one partition outside any transaction: the leader confirms its
     * leadership (lease, else ReadIndex) and waits until it has applied that far.
     */
    RowCursor read(int partition, String sql, List<Object> params) throws SQLException;

    /**
     * Commits {@code branch}: its writes are replicated as one entry of the partition's group
     * and the live transaction commits once that entry is committed. A branch that wrote
     * nothing just ends. Returns once the commit is durable on a quorum. With
     * {@code recordOutcome} (an explicit transaction, whose client may have to ask for an
     * unknown outcome) the same entry records the commit decision in the partition, as
     * {@link #decide} would; if an abort was recorded there first the commit changes nothing
     * and fails with {@code TXN_CONFLICT}.
     */
    void commit(TxnBranch branch, boolean recordOutcome) throws SQLException;

    /** Rolls {@code branch} back and releases its locks; unknown branches are ignored. */
    void rollback(TxnBranch branch);

    /**
     * Two-phase commit, phase one: replicates {@code branch}'s writes as prepared in its
     * partition's group (the leader keeps its live transaction and locks) and returns true once
     * that entry is committed. A branch that wrote nothing is ended and returns false: it takes
     * no part in phase two. {@code home} is the partition whose group will hold the decision.
     */
    boolean prepare(TxnBranch branch, int home) throws SQLException;

    /**
     * Records the outcome of {@code transactionId} ({@code commit} or abort) in the group of
     * its {@code home} partition, unless an outcome is recorded already, and returns the
     * outcome that stands: the first one in the log.
     */
    boolean decide(String transactionId, int home, boolean commit) throws SQLException;

    /**
     * Two-phase commit, phase two: commits or discards {@code branch}'s prepared writes through
     * its group, at whichever node leads the partition now. A branch that is not prepared (it
     * voted no, or is finished already) is rolled back if still open; nothing else happens.
     */
    void finish(TxnBranch branch, boolean commit) throws SQLException;
}
