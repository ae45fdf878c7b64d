package org.distdata.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.transaction.xa.XAResource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrossPartitionTransactionTest {
    @TempDir
    Path dir;

    private static void createTable(PartitionSet set) throws SQLException {
        try (CrossPartitionTransaction tx = set.begin()) {
            for (int p = 0; p < set.size(); p++) {
                try (Statement s = tx.connection(p).createStatement()) {
                    s.execute("CREATE TABLE T (ID INT PRIMARY KEY)");
                }
            }
            tx.commit();
        }
    }

    private static void insert(Connection c, int id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO T VALUES (" + id + ")");
        }
    }

    private static int count(PartitionSet set, int partition) throws SQLException {
        PartitionSession s = set.store(partition).borrow();
        try (Statement st = s.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM T")) {
            rs.next();
            return rs.getInt(1);
        } finally {
            s.release();
        }
    }

    @Test
    void commitMakesEveryBranchVisibleAndRollbackNone() throws SQLException {
        try (PartitionSet set = PartitionSet.open(dir, 3)) {
            createTable(set);
            try (CrossPartitionTransaction tx = set.begin()) {
                insert(tx.connection(0), 1);
                insert(tx.connection(2), 2);
                tx.commit();
            }
            try (CrossPartitionTransaction tx = set.begin()) {
                insert(tx.connection(1), 3);
                insert(tx.connection(2), 4);
                tx.rollback();
            }
            assertThat(count(set, 0) + count(set, 1) + count(set, 2)).isEqualTo(2);
            assertThat(count(set, 1)).isZero();
        }
    }

    @Test
    void failedBranchLeavesOtherPartitionsUnchanged() throws SQLException {
        try (PartitionSet set = PartitionSet.open(dir, 2)) {
            createTable(set);
            try (CrossPartitionTransaction tx = set.begin()) {
                insert(tx.connection(1), 7);
                tx.commit();
            }
            try (CrossPartitionTransaction tx = set.begin()) {
                insert(tx.connection(0), 8);
                assertThatThrownBy(() -> insert(tx.connection(1), 7)).isInstanceOf(SQLException.class);
                tx.rollback();
            }
            assertThat(count(set, 0)).isZero();
            assertThat(count(set, 1)).isEqualTo(1);
        }
    }

    /**
     * A crash after every branch was prepared: recovery commits the branches of a
     * transaction whose decision was logged and rolls back those of one whose was not.
     */
    @Test
    void recoveryCommitsDecidedPreparedBranchesAndRollsBackUndecidedOnes() throws Exception {
        try (PartitionSet set = PartitionSet.open(dir, 2)) {
            createTable(set);
            prepareOnBothPartitions(set, "decided", 10, true);
            prepareOnBothPartitions(set, "undecided", 20, false);
        } // closed with both transactions still in doubt, as a crash would leave them
        try (PartitionSet reopened = PartitionSet.open(dir, 2)) {
            for (int p = 0; p < 2; p++) {
                PartitionSession s = reopened.store(p).borrow();
                try (Statement st = s.connection().createStatement();
                     ResultSet rs = st.executeQuery("SELECT ID FROM T ORDER BY ID")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).as("decided branch of partition " + p).isEqualTo(10 + p);
                    assertThat(rs.next()).as("undecided branch rolled back").isFalse();
                } finally {
                    s.release();
                }
                PartitionSession xa = reopened.store(p).borrow();
                try {
                    assertThat(xa.xaResource().recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN))
                            .as("nothing left in doubt").isEmpty();
                } finally {
                    xa.release();
                }
            }
            assertThat(reopened.decisions().committed()).isEmpty();
        }
    }

    private static void prepareOnBothPartitions(PartitionSet set, String globalId, int firstId, boolean decide)
            throws Exception {
        for (int p = 0; p < 2; p++) {
            PartitionSession s = set.store(p).borrow();
            BranchId id = new BranchId(globalId, p);
            s.xaResource().start(id, XAResource.TMNOFLAGS);
            insert(s.connection(), firstId + p);
            s.xaResource().end(id, XAResource.TMSUCCESS);
            assertThat(s.xaResource().prepare(id)).isEqualTo(XAResource.XA_OK);
            s.release();
        }
        if (decide) {
            set.decisions().recordCommit(globalId);
        }
    }
}
