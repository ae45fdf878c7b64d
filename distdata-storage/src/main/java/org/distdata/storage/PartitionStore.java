package org.distdata.storage;

import org.apache.derby.jdbc.EmbeddedXADataSource;

import javax.sql.XAConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One partition replica: an embedded Derby database in its own directory, holding this
 * partition's shard of every distributed table and a full copy of every reference table.
 * Sessions are pooled; a session is exclusively owned between borrow and release. After DDL
 * the schema generation goes up, and a session drops its cached statements when it is next
 * borrowed — by the thread that owns it then, never while another thread uses it.
 */
public final class PartitionStore implements AutoCloseable {
    private final int partition;
    private final Path directory;
    private final EmbeddedXADataSource dataSource;
    private final ConcurrentLinkedDeque<PartitionSession> idle = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong schemaGeneration = new AtomicLong();

    private PartitionStore(int partition, Path directory) {
        this.partition = partition;
        this.directory = directory;
        this.dataSource = new EmbeddedXADataSource();
        dataSource.setDatabaseName(directory.toAbsolutePath().toString());
        dataSource.setCreateDatabase("create");
    }

    /**
     * How long a statement waits for a row lock before it fails with SQLState 40XL1 (Derby's
     * own default is 60 s). Locks held by a transaction of another partition, or by one that
     * is prepared while its coordinator decides, are waited for this long at most.
     */
    public static final int LOCK_WAIT_SECONDS = 5;
    /** After this long waiting, Derby looks for a deadlock inside the partition (its default: 20 s). */
    private static final int DEADLOCK_CHECK_SECONDS = 1;

    static PartitionStore open(int partition, Path directory) throws SQLException {
        PartitionStore store = new PartitionStore(partition, directory);
        PartitionSession session = store.borrow(); // boots (or creates) the database now
        try (var call = session.connection().prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
            call.setString(1, "derby.locks.waitTimeout");
            call.setString(2, Integer.toString(LOCK_WAIT_SECONDS));
            call.execute();
            call.setString(1, "derby.locks.deadlockTimeout");
            call.setString(2, Integer.toString(DEADLOCK_CHECK_SECONDS));
            call.execute();
        } finally {
            session.release();
        }
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
        long generation = schemaGeneration.get();
        PartitionSession session = idle.pollFirst();
        if (session != null) {
            session.useSchemaGeneration(generation);
            return session;
        }
        XAConnection xa = dataSource.getXAConnection();
        return new PartitionSession(this, xa, generation);
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

    /** Invalidates every session's cached statements (after DDL), as each is next borrowed. */
    void clearStatementCaches() {
        schemaGeneration.incrementAndGet();
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
