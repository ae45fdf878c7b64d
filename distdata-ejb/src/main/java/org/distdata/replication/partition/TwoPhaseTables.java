package org.distdata.replication.partition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The two tables of two-phase commit in every partition database, beside the applied index
 * and written in the same Derby transactions as it (so they survive crashes and travel in
 * snapshots): {@code DISTDATA.TXN_PREPARED} holds the write sets of transactions prepared in
 * this partition and not yet finished, {@code DISTDATA.TXN_DECIDED} the outcomes of the
 * transactions whose home this partition is.
 */
final class TwoPhaseTables {

    private static final String PREPARED = AppliedIndexTable.SCHEMA + ".TXN_PREPARED";
    private static final String DECIDED = AppliedIndexTable.SCHEMA + ".TXN_DECIDED";

    /** A prepared transaction as stored: its home partition and its Prepare entry's bytes. */
    record Prepared(String transactionId, int home, WriteSet writes) {
    }

    private TwoPhaseTables() {
    }

    /** Creates the tables when missing (idempotent). */
    static void open(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            create(c, "TXN_PREPARED", "CREATE TABLE " + PREPARED + " (TXN_ID VARCHAR(200) NOT NULL PRIMARY KEY, "
                    + "PREPARE_ENTRY BLOB NOT NULL)");
            create(c, "TXN_DECIDED", "CREATE TABLE " + DECIDED + " (TXN_ID VARCHAR(200) NOT NULL PRIMARY KEY, "
                    + "OUTCOME_COMMIT BOOLEAN NOT NULL, DECIDED_INDEX BIGINT NOT NULL)");
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void create(Connection c, String table, String ddl) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, AppliedIndexTable.SCHEMA, table, null)) {
            if (!rs.next()) {
                try (Statement st = c.createStatement()) {
                    st.execute(ddl);
                }
            }
        }
    }

    static Map<String, Prepared> prepared(Connection c) throws SQLException {
        Map<String, Prepared> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TXN_ID, PREPARE_ENTRY FROM " + PREPARED)) {
            while (rs.next()) {
                var prepare = (PartitionCommand.Prepare) PartitionCommandCodec.decode(rs.getBytes(2));
                out.put(rs.getString(1), new Prepared(prepare.transactionId(), prepare.home(), prepare.writes()));
            }
        }
        return out;
    }

    /** The recorded outcome of {@code transactionId}, if any (true: commit). */
    static Optional<Boolean> decision(Connection c, String transactionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT OUTCOME_COMMIT FROM " + DECIDED + " WHERE TXN_ID = ?")) {
            ps.setString(1, transactionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    static void prepare(Connection c, PartitionCommand.Prepare prepare) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + PREPARED + " VALUES (?, ?)")) {
            ps.setString(1, prepare.transactionId());
            ps.setBytes(2, PartitionCommandCodec.encode(prepare));
            ps.executeUpdate();
        }
    }

    static void forget(Connection c, String transactionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + PREPARED + " WHERE TXN_ID = ?")) {
            ps.setString(1, transactionId);
            ps.executeUpdate();
        }
    }

    static void decide(Connection c, String transactionId, boolean commit, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + DECIDED + " VALUES (?, ?, ?)")) {
            ps.setString(1, transactionId);
            ps.setBoolean(2, commit);
            ps.setLong(3, index);
            ps.executeUpdate();
        }
    }
}
