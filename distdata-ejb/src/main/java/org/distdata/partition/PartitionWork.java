package org.distdata.partition;

import java.sql.SQLException;
import java.util.List;

/**
 * Statements run on partitions within one unit of work: an autocommit read context, or a
 * write transaction that commits atomically across every partition it touched. Values are
 * always bound as parameters; fragment SQL never contains user values.
 */
public interface PartitionWork {

    /** Runs a query fragment on one partition. The cursor must be closed by the caller. */
    RowCursor query(int partition, String sql, List<Object> params) throws SQLException;

    /** Whether {@link #query} may be called from several threads at once (autocommit reads may). */
    default boolean concurrent() {
        return false;
    }

    /** Runs a DML or DDL fragment on one partition and returns its update count. */
    long update(int partition, String sql, List<Object> params) throws SQLException;

    /** Runs one DML fragment once per parameter row on one partition; returns the summed count. */
    long updateBatch(int partition, String sql, List<List<Object>> rows) throws SQLException;
}
