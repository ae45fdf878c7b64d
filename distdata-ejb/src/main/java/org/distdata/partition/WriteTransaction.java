package org.distdata.partition;

import java.sql.SQLException;

/**
 * Work on partitions that becomes visible all at once at {@link #commit()}, or not at all.
 * Closing an uncommitted transaction rolls it back.
 */
public interface WriteTransaction extends PartitionWork, AutoCloseable {

    void commit() throws SQLException;

    void rollback();

    /**
     * The partition whose log records this transaction's outcome when it commits: the lowest
     * partition it wrote (the home of a two-phase commit, or the one partition of a
     * single-partition commit). Empty when it wrote nothing, or when outcomes are not recorded.
     */
    default java.util.OptionalInt decisionPartition() {
        return java.util.OptionalInt.empty();
    }

    @Override
    default void close() {
        rollback();
    }
}
