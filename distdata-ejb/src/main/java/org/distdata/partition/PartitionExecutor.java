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
}
