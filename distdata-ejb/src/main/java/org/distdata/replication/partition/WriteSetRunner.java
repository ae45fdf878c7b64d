package org.distdata.replication.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.distdata.relation.JdbcValues;

/**
 * Runs a statement of a write set on a partition connection: the leader for the client, a
 * follower when it applies the entry. Both go through here, so they bind and execute the same
 * way and their update counts are comparable.
 */
final class WriteSetRunner {

    private WriteSetRunner() {
    }

    static long run(Connection c, WriteSet.Kind kind, String sql, List<List<Object>> rows) throws SQLException {
        switch (kind) {
            case DDL -> {
                try (Statement st = c.createStatement()) {
                    st.execute(sql);
                    return Math.max(0, st.getUpdateCount());
                }
            }
            case UPDATE -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    JdbcValues.bindAll(ps, rows.get(0));
                    return ps.executeUpdate();
                }
            }
            default -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (List<Object> row : rows) {
                        JdbcValues.bindAll(ps, row);
                        ps.addBatch();
                    }
                    long total = 0;
                    for (int n : ps.executeBatch()) {
                        total += Math.max(n, 0);
                    }
                    return total;
                }
            }
        }
    }

    /**
     * Re-runs every statement of {@code writes} inside the caller's transaction and returns
     * the first statement whose update count differs from the leader's, or -1 when all agree.
     */
    static int replay(Connection c, WriteSet writes) throws SQLException {
        int mismatch = -1;
        for (int i = 0; i < writes.statements().size(); i++) {
            WriteSet.Statement s = writes.statements().get(i);
            long count = run(c, s.kind(), s.sql(), s.rows());
            if (count != s.updateCount() && mismatch < 0) {
                mismatch = i;
            }
        }
        return mismatch;
    }
}
