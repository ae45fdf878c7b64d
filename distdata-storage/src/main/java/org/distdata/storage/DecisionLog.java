package org.distdata.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The durable commit decisions of cross-partition transactions on this node. A
 * transaction whose branches are all prepared is committed exactly when its id is in this
 * log; recovery after a crash commits the in-doubt branches of logged transactions and
 * rolls back all others. It is its own small Derby database, so a decision is durable once
 * its insert has committed (Derby forces its log at commit).
 */
final class DecisionLog implements AutoCloseable {
    private final Path directory;
    private final Connection connection;

    private DecisionLog(Path directory, Connection connection) {
        this.directory = directory;
        this.connection = connection;
    }

    static DecisionLog open(Path directory) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:derby:" + directory.toAbsolutePath() + ";create=true");
        try (ResultSet rs = c.getMetaData().getTables(null, "APP", "COMMIT_DECISION", null)) {
            if (!rs.next()) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE COMMIT_DECISION (GLOBAL_ID VARCHAR(64) PRIMARY KEY)");
                }
            }
        }
        return new DecisionLog(directory, c);
    }

    synchronized void recordCommit(String globalId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO COMMIT_DECISION VALUES (?)")) {
            ps.setString(1, globalId);
            ps.executeUpdate();
        }
    }

    synchronized void forget(String globalId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM COMMIT_DECISION WHERE GLOBAL_ID = ?")) {
            ps.setString(1, globalId);
            ps.executeUpdate();
        }
    }

    synchronized Set<String> committed() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT GLOBAL_ID FROM COMMIT_DECISION")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    synchronized void forgetAll() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM COMMIT_DECISION");
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
            DriverManager.getConnection("jdbc:derby:" + directory.toAbsolutePath() + ";shutdown=true");
        } catch (SQLException expected) {
            // 08006 = database shut down
        }
    }
}
