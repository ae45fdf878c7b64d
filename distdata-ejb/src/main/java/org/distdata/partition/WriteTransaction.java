package org.distdata.partition;

import java.sql.SQLException;

/**
 * Work on partitions that becomes visible all at once at {@link #commit()}, or not at all.
 * Closing an uncommitted transaction rolls it back.
 */
public interface WriteTransaction extends PartitionWork, AutoCloseable {

    void commit() throws SQLException;

    void rollback();

    @Override
    default void close() {
        rollback();
    }
}
