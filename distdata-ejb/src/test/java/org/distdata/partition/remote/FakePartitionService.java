package org.distdata.partition.remote;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TxnBranch;

/**
 * An in-memory partition leader for the endpoint to serve: it records every call (with the
 * statement time limit it ran under), answers updates with a count per parameter row, serves
 * queries and reads from {@link #rows}, and can be told to fail or to hang.
 */
final class FakePartitionService implements PartitionService {

    /** One call as the leader saw it; {@code timeLimit} is null when the call ran without one. */
    record Call(String operation, TxnBranch branch, int partition, String sql, List<?> parameters, Duration timeLimit) {
    }

    final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    volatile Exception failure;
    volatile CountDownLatch hang;
    volatile long updateCount = 1;
    volatile Supplier<RowCursor> rows = () -> ListCursor.empty();

    @Override
    public long update(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        record("update", branch, branch.partition(), sql, params);
        return updateCount;
    }

    @Override
    public long updateBatch(TxnBranch branch, String sql, List<List<Object>> rows) throws SQLException {
        record("updateBatch", branch, branch.partition(), sql, rows);
        return updateCount * rows.size();
    }

    @Override
    public RowCursor query(TxnBranch branch, String sql, List<Object> params) throws SQLException {
        record("query", branch, branch.partition(), sql, params);
        return rows.get();
    }

    @Override
    public RowCursor read(int partition, String sql, List<Object> params) throws SQLException {
        record("read", null, partition, sql, params);
        return rows.get();
    }

    @Override
    public void commit(TxnBranch branch, boolean recordOutcome) throws SQLException {
        record("commit", branch, branch.partition(), null, List.of());
    }

    @Override
    public void rollback(TxnBranch branch) {
        try {
            record("rollback", branch, branch.partition(), null, List.of());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Votes "prepared" when {@code home} is even, "read-only" when odd, so both answers travel. */
    @Override
    public boolean prepare(TxnBranch branch, int home) throws SQLException {
        record("prepare", branch, branch.partition(), "home " + home, List.of());
        return home % 2 == 0;
    }

    /** Answers the opposite of what was asked, as when another outcome was recorded first. */
    @Override
    public boolean decide(String transactionId, int home, boolean commit) throws SQLException {
        record("decide", new TxnBranch(transactionId, home), home, String.valueOf(commit), List.of());
        return !commit;
    }

    @Override
    public void finish(TxnBranch branch, boolean commit) throws SQLException {
        record("finish", branch, branch.partition(), String.valueOf(commit), List.of());
    }

    private void record(String operation, TxnBranch branch, int partition, String sql, List<?> parameters)
            throws SQLException {
        calls.add(new Call(operation, branch, partition, sql, parameters, StatementTimeout.remaining()));
        CountDownLatch h = hang;
        if (h != null) {
            try {
                h.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Exception f = failure;
        if (f instanceof SQLException e) {
            throw e;
        } else if (f != null) {
            throw (RuntimeException) f;
        }
    }
}
