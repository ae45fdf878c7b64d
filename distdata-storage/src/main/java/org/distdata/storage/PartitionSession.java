package org.distdata.storage;

import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One pooled connection to a partition database. It can run plain local transactions or
 * act as an XA branch of a {@link CrossPartitionTransaction}. Prepared statements are
 * cached per session, so a hot statement is compiled by Derby once per connection.
 */
public final class PartitionSession {
    private static final int STATEMENT_CACHE_SIZE = 64;

    private final PartitionStore store;
    private final XAConnection xaConnection;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true);
    /** The store's schema generation the cached statements were prepared under. */
    private long schemaGeneration;

    PartitionSession(PartitionStore store, XAConnection xaConnection, long schemaGeneration) throws SQLException {
        this.store = store;
        this.xaConnection = xaConnection;
        this.connection = xaConnection.getConnection();
        this.schemaGeneration = schemaGeneration;
    }

    public int partition() {
        return store.partition();
    }

    public Connection connection() {
        return connection;
    }

    XAResource xaResource() throws SQLException {
        return xaConnection.getXAResource();
    }

    /** A cached prepared statement for {@code sql}; callers must not close it. */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                    ResultSet.CLOSE_CURSORS_AT_COMMIT);
            statements.put(sql, ps);
            if (statements.size() > STATEMENT_CACHE_SIZE) {
                var eldest = statements.entrySet().iterator().next();
                statements.remove(eldest.getKey());
                closeQuietly(eldest.getValue());
            }
        } else {
            ps.clearParameters();
        }
        return ps;
    }

    /** Called by the borrowing thread: drops cached statements prepared before later DDL. */
    void useSchemaGeneration(long generation) {
        if (generation != schemaGeneration) {
            clearStatements();
            schemaGeneration = generation;
        }
    }

    /** Drops cached statements; needed after DDL, which invalidates Derby's plans. */
    private void clearStatements() {
        statements.values().forEach(PartitionSession::closeQuietly);
        statements.clear();
    }

    /** Returns the session to its pool. It must not be in a transaction. */
    public void release() {
        store.release(this);
    }

    void close() {
        clearStatements();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            xaConnection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // a statement of a closed connection
        }
    }
}
