package org.distdata.sql.correctness;

import org.distdata.error.DistDataException;
import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlEngine;
import org.distdata.sql.SqlStatement;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference answer: one in-memory embedded Derby database that runs every statement as
 * written (minus DistData's CREATE TABLE extensions, see {@link DdlExtensions}) and shapes
 * results and errors the way the engine must. Whatever a single Derby answers is what the
 * distributed engine has to answer too.
 */
public final class DerbyOracle implements SqlEngine, AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String url;
    private final Connection connection;

    public DerbyOracle() {
        this.url = "jdbc:derby:memory:oracle" + DATABASES.incrementAndGet();
        try {
            this.connection = DriverManager.getConnection(url + ";create=true");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create Derby oracle " + url, e);
        }
    }

    @Override
    public SqlResult execute(SqlStatement statement) {
        try {
            return run(statement);
        } catch (SQLException e) {
            throw SqlExceptionTranslator.translate(e);
        }
    }

    @Override
    public List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic) {
        List<SqlResult> results = new ArrayList<>(statements.size());
        try {
            if (atomic) {
                connection.setAutoCommit(false);
            }
            try {
                for (SqlStatement s : statements) {
                    results.add(run(s));
                }
                if (atomic) {
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (atomic) {
                    connection.rollback();
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqlExceptionTranslator.translate(e);
        }
        return results;
    }

    /**
     * Runs the statement and undoes it: tells whether Derby accepts it without changing the
     * oracle's data, for statements the engine refused.
     */
    public SqlResult executeAndRollBack(SqlStatement statement) {
        try {
            connection.setAutoCommit(false);
            try {
                return run(statement);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw SqlExceptionTranslator.translate(e);
        }
    }

    private SqlResult run(SqlStatement statement) throws SQLException {
        long start = System.nanoTime();
        String sql = DdlExtensions.stripForDerby(statement.sql());
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            JdbcValues.bind(ps, statement.params());
            if (ps.execute()) {
                try (var rs = ps.getResultSet()) {
                    return JdbcValues.read(rs, elapsedMs(start));
                }
            }
            return SqlResult.update(Math.max(0, ps.getLargeUpdateCount()), elapsedMs(start));
        }
    }

    private static double elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing is best effort; the drop below releases the memory either way
        }
        try {
            DriverManager.getConnection(url + ";drop=true").close();
        } catch (SQLException expected) {
            // Derby reports a successful drop as SQLState 08006
            if (!"08006".equals(expected.getSQLState())) {
                throw new DistDataException(org.distdata.error.ErrorCode.INTERNAL, "cannot drop " + url, expected);
            }
        }
    }
}
