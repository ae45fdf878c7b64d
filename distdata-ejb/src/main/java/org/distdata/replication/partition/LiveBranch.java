package org.distdata.replication.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.distdata.partition.JdbcRowCursor;
import org.distdata.partition.RowCursor;
import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TxnBranch;
import org.distdata.relation.JdbcValues;
import org.distdata.storage.PartitionSession;

/**
 * One branch's live Derby transaction on the partition leader: SERIALIZABLE, so Derby's
 * locks are the branch's locks until it commits or rolls back. It records every write it
 * runs, with its update count, as the {@link WriteSet} the leader will replicate. Once the
 * write set is proposed the branch is sealed: nothing more may run in it.
 */
final class LiveBranch {

    private final TxnBranch branch;
    private final PartitionSession session;
    private final List<WriteSet.Statement> writes = new ArrayList<>();
    private volatile long lastUsedNanos = System.nanoTime();
    private boolean sealed;
    private boolean ended;

    LiveBranch(TxnBranch branch, PartitionSession session) throws SQLException {
        this.branch = branch;
        this.session = session;
        Connection c = session.connection();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    }

    TxnBranch id() {
        return branch;
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    synchronized long update(WriteSet.Kind kind, String sql, List<List<Object>> rows) throws SQLException {
        requireOpen();
        lastUsedNanos = System.nanoTime();
        long count;
        if (kind == WriteSet.Kind.DDL) {
            count = WriteSetRunner.run(session.connection(), kind, sql, rows);
        } else {
            PreparedStatement ps = session.prepare(sql);
            StatementTimeout.apply(ps);
            if (kind == WriteSet.Kind.UPDATE) {
                JdbcValues.bindAll(ps, rows.get(0));
                count = ps.executeUpdate();
            } else {
                for (List<Object> row : rows) {
                    JdbcValues.bindAll(ps, row);
                    ps.addBatch();
                }
                count = 0;
                for (int n : ps.executeBatch()) {
                    count += Math.max(n, 0);
                }
            }
        }
        writes.add(new WriteSet.Statement(kind, sql, rows, count));
        return count;
    }

    synchronized RowCursor query(String sql, List<Object> params) throws SQLException {
        requireOpen();
        lastUsedNanos = System.nanoTime();
        // not the session's cached statement: one branch may have two cursors open at once
        PreparedStatement ps = session.connection().prepareStatement(sql);
        try {
            StatementTimeout.apply(ps);
            JdbcValues.bindAll(ps, params);
            return new JdbcRowCursor(ps.executeQuery(), () -> closeQuietly(ps));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(ps);
            throw e;
        }
    }

    synchronized boolean isLive() {
        return !ended;
    }

    synchronized boolean hasWrites() {
        return !writes.isEmpty();
    }

    synchronized boolean hasDdl() {
        return writes.stream().anyMatch(w -> w.kind() == WriteSet.Kind.DDL);
    }

    /** Seals the branch and returns what it wrote, as the write set to replicate. */
    synchronized WriteSet seal(ProposalId id) throws SQLException {
        requireOpen();
        sealed = true;
        return new WriteSet(id, writes);
    }

    /**
     * Commits the live transaction together with the applied index of its entry and, when
     * {@code recordedAs} names the transaction, its commit decision.
     */
    synchronized void commitAt(long index, String recordedAs) throws SQLException {
        if (ended) {
            throw new SQLException("branch " + branch + " already ended", "25000");
        }
        Connection c = session.connection();
        if (recordedAs != null) {
            TwoPhaseTables.decide(c, recordedAs, true, index);
        }
        AppliedIndexTable.write(c, index);
        c.commit();
        end();
    }

    /**
     * Commits a prepared branch at its {@code Finish} entry: its writes, the end of its
     * prepared record and the applied index, in one Derby transaction.
     */
    synchronized void commitPreparedAt(long index, String transactionId) throws SQLException {
        if (ended) {
            throw new SQLException("branch " + branch + " already ended", "25000");
        }
        TwoPhaseTables.forget(session.connection(), transactionId);
        commitAt(index, null);
    }

    synchronized void rollback() {
        if (ended) {
            return;
        }
        try {
            session.connection().rollback();
        } catch (SQLException ignored) {
            // the session is released below; a broken connection is discarded by the pool
        }
        end();
    }

    private void end() {
        ended = true;
        session.release();
    }

    private void requireOpen() throws SQLException {
        if (ended || sealed) {
            throw new SQLException("branch " + branch + " is " + (ended ? "no longer open" : "committing"), "25000");
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // the transaction ends it anyway
        }
    }
}
