package org.distdata.storage;

import org.apache.derby.jdbc.EmbeddedXADataSource;

import javax.sql.XAConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One partition replica: an embedded Derby database in its own directory, holding this
 * partition's shard of every distributed table and a full copy of every reference table.
 * Sessions are pooled; a session is exclusively owned between borrow and release.
 */
public final class PartitionStore implements AutoCloseable {
    private final int partition;
    private final Path directory;
    private final EmbeddedXADataSource dataSource;
    private final ConcurrentLinkedDeque<PartitionSession> idle = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private PartitionStore(int partition, Path directory) {
        this.partition = partition;
        this.directory = directory;
        this.dataSource = new EmbeddedXADataSource();
        dataSource.setDatabaseName(directory.toAbsolutePath().toString());
        dataSource.setCreateDatabase("create");
    }

    static PartitionStore open(int partition, Path directory) throws SQLException {
        PartitionStore store = new PartitionStore(partition, directory);
        store.borrow().release(); // boots (or creates) the database now
        return store;
    }

    public int partition() {
        return partition;
    }

    public Path directory() {
        return directory;
    }

    public PartitionSession borrow() throws SQLException {
        if (closed.get()) {
            throw new SQLException("partition " + partition + " is closed", "08003");
        }
        PartitionSession session = idle.pollFirst();
        if (session != null) {
            return session;
        }
        XAConnection xa = dataSource.getXAConnection();
        return new PartitionSession(this, xa);
    }

    void release(PartitionSession session) {
        try {
            Connection c = session.connection();
            if (closed.get() || c.isClosed()) {
                session.close();
                return;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (c.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            idle.offerFirst(session);
        } catch (SQLException e) {
            session.close();
        }
    }

    /** Invalidates cached statements of idle sessions (after DDL). */
    void clearStatementCaches() {
        idle.forEach(PartitionSession::clearStatements);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        PartitionSession s;
        while ((s = idle.pollFirst()) != null) {
            s.close();
        }
        try {
            DriverManager.getConnection("jdbc:derby:" + directory.toAbsolutePath() + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby reports a successful database shutdown as SQLState 08006.
        }
    }
}
