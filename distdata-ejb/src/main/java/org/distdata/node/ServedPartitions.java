package org.distdata.node;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TxnBranch;

/**
 * What the transport endpoint calls when another node sends partition work here: this
 * node's leaders directly while the node opens, then the entry the container installs
 * ({@code DataNodeBean}, which itself calls the leaders). The entry is installed only once
 * the node is open because the bean reaches the leaders through the startup bean, and a
 * call into a startup bean still opening blocks until it has opened (ADR 0012).
 */
final class ServedPartitions implements PartitionService {

    private volatile PartitionService entry;

    ServedPartitions(PartitionService leaders) {
        this.entry = Objects.requireNonNull(leaders, "leaders");
    }

    void enterThrough(PartitionService entry) {
        this.entry = Objects.requireNonNull(entry, "entry");
    }

    @Override
    public long update(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        return entry.update(branch, sql, params);
    }

    @Override
    public long updateBatch(TxnBranch branch, String sql, List<List<Object>> rows) throws SQLException {
        return entry.updateBatch(branch, sql, rows);
    }

    @Override
    public RowCursor query(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        return entry.query(branch, sql, params);
    }

    @Override
    public RowCursor read(int partition, String sql, List<Object> params) throws SQLException {
        return entry.read(partition, sql, params);
    }

    @Override
    public void commit(TxnBranch branch, boolean recordOutcome) throws SQLException {
        entry.commit(branch, recordOutcome);
    }

    @Override
    public void rollback(TxnBranch branch) {
        entry.rollback(branch);
    }

    @Override
    public boolean prepare(TxnBranch branch, int home) throws SQLException {
        return entry.prepare(branch, home);
    }

    @Override
    public boolean decide(String transactionId, int home, boolean commit) throws SQLException {
        return entry.decide(transactionId, home, commit);
    }

    @Override
    public void finish(TxnBranch branch, boolean commit) throws SQLException {
        entry.finish(branch, commit);
    }
}
