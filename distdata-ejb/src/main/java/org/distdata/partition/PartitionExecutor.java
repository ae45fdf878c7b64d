package org.distdata.partition;

import java.sql.SQLException;
import java.util.List;

/**
 * How the SQL engine reaches partitions. This node implements it over its local Derby
 * partition stores ({@link LocalPartitionExecutor}); the cluster will implement it with
 * remote fragment execution on partition leaders.
 */
public interface PartitionExecutor {

    int partitionCount();

    /** Runs a read-only fragment in its own autocommit unit (read committed per partition). */
    RowCursor query(int partition, String sql, List<Object> params) throws SQLException;

    /** The shape of {@code table} (an exact, stored name) on {@code partition}, if it exists there. */
    java.util.Optional<TableShape> describe(int partition, String table) throws SQLException;

    /** Begins a transaction that may span any partitions. */
    WriteTransaction begin();

    /**
     * Begins the partition work of the explicit transaction {@code transactionId}: like
     * {@link #begin()}, but its outcome is recorded durably wherever it is decided — also when
     * it commits on one partition alone — so that {@link #settle} can tell it later. A node alone commits in-process, so a
     * transaction it began has ended before its client is answered: it records nothing.
     */
    default WriteTransaction begin(String transactionId) {
        return begin();
    }

    /**
     * The outcome of explicit transaction {@code transactionId}, whose decision would be
     * recorded at one of {@code partitions} (its {@link WriteTransaction#decisionPartition()}, or
     * every partition when that is not known): true for commit when a commit is recorded; else
     * an abort is recorded now where none is, so that no commit can follow (the first outcome
     * recorded stands), and the answer is false. Empty when the outcome cannot be settled now
     * (a partition without quorum), or when this executor keeps no record of outcomes (a node
     * alone).
     */
    default java.util.Optional<Boolean> settle(String transactionId, java.util.Collection<Integer> partitions) {
        return java.util.Optional.empty();
    }
}
