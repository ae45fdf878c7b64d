package org.distdata.sql;

import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.PartitionWork;
import org.distdata.partition.RowCursor;

import java.sql.SQLException;
import java.util.List;

/** Reads outside any transaction: each fragment is its own autocommit unit (read committed). */
final class AutocommitReads implements PartitionWork {
    private final PartitionExecutor partitions;

    AutocommitReads(PartitionExecutor partitions) {
        this.partitions = partitions;
    }

    @Override
    public RowCursor query(int partition, String sql, List<Object> params) throws SQLException {
        return partitions.query(partition, sql, params);
    }

    @Override
    public boolean concurrent() {
        return true;
    }

    @Override
    public long update(int partition, String sql, List<Object> params) {
        throw new IllegalStateException("a read context cannot write");
    }

    @Override
    public long updateBatch(int partition, String sql, List<List<Object>> rows) {
        throw new IllegalStateException("a read context cannot write");
    }
}
