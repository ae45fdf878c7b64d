package org.distdata.storage;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A node-local transaction over any number of partitions, committed atomically: each
 * partition is an XA branch; with more than one branch the commit prepares all of them,
 * makes the decision durable in the {@link DecisionLog}, then commits each. A crash at any
 * point leaves either every branch committed (after recovery) or none.
 *
 * <p>Not thread-safe: one caller drives it from begin to commit or rollback.
 */
public final class CrossPartitionTransaction implements AutoCloseable {
    private final PartitionSet partitions;
    private final String globalId = UUID.randomUUID().toString();
    private final Map<Integer, Branch> branches = new TreeMap<>();
    private boolean finished;

    CrossPartitionTransaction(PartitionSet partitions) {
        this.partitions = partitions;
    }

    /** The session of {@code partition} within this transaction, enlisting it on first use. */
    public PartitionSession session(int partition) throws SQLException {
        if (finished) {
            throw new IllegalStateException("transaction already finished");
        }
        Branch b = branches.get(partition);
        if (b == null) {
            PartitionSession s = partitions.store(partition).borrow();
            BranchId id = new BranchId(globalId, partition);
            try {
                // Writes run at SERIALIZABLE: Derby's row and range locks are the local part of
                // strict two-phase locking (DESIGN.md, "Writes, locking and transactions").
                s.connection().setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                s.xaResource().start(id, XAResource.TMNOFLAGS);
            } catch (XAException e) {
                s.release();
                throw sql("cannot start branch on partition " + partition, e);
            } catch (SQLException e) {
                s.release();
                throw e;
            }
            b = new Branch(s, id);
            branches.put(partition, b);
        }
        return b.session;
    }

    public Connection connection(int partition) throws SQLException {
        return session(partition).connection();
    }

    public boolean isEmpty() {
        return branches.isEmpty();
    }

    public void commit() throws SQLException {
        finish();
        try {
            for (Branch b : branches.values()) {
                b.end(XAResource.TMSUCCESS);
            }
            if (branches.size() == 1) {
                Branch only = branches.values().iterator().next();
                only.resource().commit(only.id, true);
                return;
            }
            List<Branch> prepared = new ArrayList<>();
            for (Branch b : branches.values()) {
                if (b.resource().prepare(b.id) == XAResource.XA_OK) {
                    prepared.add(b);
                }
                b.done = !prepared.contains(b); // a read-only branch ends at prepare
            }
            if (prepared.size() > 1) {
                partitions.decisions().recordCommit(globalId);
            }
            for (Branch b : prepared) {
                b.resource().commit(b.id, false);
                b.done = true;
            }
            if (prepared.size() > 1) {
                partitions.decisions().forget(globalId);
            }
        } catch (XAException e) {
            rollbackUnfinished();
            throw sql("commit failed", e);
        } catch (SQLException | RuntimeException e) {
            rollbackUnfinished();
            throw e;
        } finally {
            releaseAll();
        }
    }

    public void rollback() {
        if (finished) {
            return;
        }
        finish();
        try {
            for (Branch b : branches.values()) {
                try {
                    b.end(XAResource.TMFAIL);
                } catch (XAException | SQLException ignored) {
                    // rolled back below, or already gone
                }
            }
            rollbackUnfinished();
        } finally {
            releaseAll();
        }
    }

    @Override
    public void close() {
        rollback();
    }

    private void finish() {
        if (finished) {
            throw new IllegalStateException("transaction already finished");
        }
        finished = true;
    }

    private void rollbackUnfinished() {
        for (Branch b : branches.values()) {
            if (!b.done) {
                try {
                    b.resource().rollback(b.id);
                } catch (XAException | SQLException ignored) {
                    // the branch was never prepared or is already gone; nothing to undo
                }
                b.done = true;
            }
        }
    }

    private void releaseAll() {
        for (Branch b : branches.values()) {
            b.session.release();
        }
    }

    private static SQLException sql(String message, XAException e) {
        return new SQLException(message + " (XA error " + e.errorCode + ")", "40XD0", e);
    }

    private static final class Branch {
        final PartitionSession session;
        final BranchId id;
        boolean ended;
        boolean done;

        Branch(PartitionSession session, BranchId id) {
            this.session = session;
            this.id = id;
        }

        XAResource resource() throws SQLException {
            return session.xaResource();
        }

        void end(int flags) throws XAException, SQLException {
            if (!ended) {
                ended = true;
                resource().end(id, flags);
            }
        }
    }
}
