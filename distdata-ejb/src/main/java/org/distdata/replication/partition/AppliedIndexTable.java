package org.distdata.replication.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one-row table in every partition database that records the last Raft log index whose
 * effect the database holds. It is written in the same Derby transaction as the data of that
 * entry, so after a crash the database and the index agree, and replay resumes exactly
 * after it. It lives in its own schema so that no user table can collide with it.
 */
public final class AppliedIndexTable {

    static final String SCHEMA = "DISTDATA";
    private static final String TABLE = SCHEMA + ".RAFT_APPLIED";

    private AppliedIndexTable() {
    }

    /** Creates the table when missing (idempotent) and returns the stored index, 0 when none. */
    public static long open(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            try (ResultSet rs = c.getMetaData().getTables(null, SCHEMA, "RAFT_APPLIED", null)) {
                if (!rs.next()) {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE TABLE " + TABLE + " (ID INT NOT NULL PRIMARY KEY, APPLIED_INDEX BIGINT NOT NULL)");
                        st.execute("INSERT INTO " + TABLE + " VALUES (1, 0)");
                    }
                }
            }
            return read(c);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    public static long read(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT APPLIED_INDEX FROM " + TABLE + " WHERE ID = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Records {@code index} inside the caller's open transaction. */
    public static void write(Connection c, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET APPLIED_INDEX = ? WHERE ID = 1")) {
            ps.setLong(1, index);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the applied-index row of the partition is missing", "XJ001");
            }
        }
    }
}
