package org.distdata.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.distdata.error.DistDataException;
import org.distdata.partition.NotLeaderException;
import org.distdata.partition.TxnBranch;
import org.distdata.partition.WriteTransaction;
import org.distdata.raft.Membership;
import org.distdata.raft.SnapshotMeta;
import org.distdata.replication.GroupIds;
import org.distdata.replication.StateMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The partition state machines over a stand-in log: leader execution, follower replay, exactly-once. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionReplicationTest {

    @TempDir
    Path dir;

    private ReplicaSet cluster;

    @BeforeEach
    void start() throws SQLException {
        cluster = new ReplicaSet(dir, 3, 2);
        try (WriteTransaction tx = cluster.gateway(2).begin()) {
            for (int p = 0; p < 2; p++) {
                tx.update(p, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20), ts TIMESTAMP)", List.of());
            }
            tx.commit();
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void write(long gateway, int partition, String sql, Object... params) throws SQLException {
        try (WriteTransaction tx = cluster.gateway(gateway).begin()) {
            tx.update(partition, sql, List.of(params));
            tx.commit();
        }
    }

    @Test
    void writesThroughAnyGatewayReachEveryReplicaInTheSameState() throws Exception {
        for (int i = 0; i < 30; i++) {
            write(1 + i % 3, i % 2, "INSERT INTO t (id, v) VALUES (?, ?)", i, "v" + i);
        }
        write(3, 0, "UPDATE t SET v = ? WHERE id < ?", "changed", 10);
        write(2, 1, "DELETE FROM t WHERE id = ?", 7);
        cluster.awaitQuiet();
        for (int p = 0; p < 2; p++) {
            Map<Long, PartitionChecksum> sums = cluster.checksums(p);
            assertThat(sums.values()).as("partition " + p).doesNotContainNull().hasSize(3);
            assertThat(sums.values().stream().distinct()).as("partition " + p + ": " + sums).hasSize(1);
        }
        assertThat(cluster.localRows(3, 0, "SELECT COUNT(*) FROM t WHERE v = 'changed'")).containsExactly(List.of(5));
        assertThat(cluster.localRows(2, 1, "SELECT COUNT(*) FROM t")).containsExactly(List.of(14));
    }

    @Test
    void aReadThroughAGatewaySeesTheLatestCommittedWrite() throws Exception {
        write(2, 1, "INSERT INTO t (id, v) VALUES (?, ?)", 1, "a");
        try (var c = cluster.gateway(3).query(1, "SELECT v FROM t WHERE id = ?", List.of(1))) {
            assertThat(c.next()).isTrue();
            assertThat(c.get(0)).isEqualTo("a");
        }
    }

    @Test
    void theChecksumSeesADifferenceBetweenReplicas() throws Exception {
        write(1, 0, "INSERT INTO t (id, v) VALUES (?, ?)", 1, "a");
        cluster.awaitQuiet();
        // a replica changed behind Raft's back: exactly what the consistency check must catch
        try (var c = cluster.stores(3).store(0).borrow().connection().createStatement()) {
            c.executeUpdate("UPDATE t SET v = 'b'");
        }
        Map<Long, PartitionChecksum> sums = cluster.checksums(0);
        assertThat(sums.get(1L)).isEqualTo(sums.get(2L));
        assertThat(sums.get(3L)).isNotEqualTo(sums.get(1L));
        assertThat(sums.get(3L).rows()).isEqualTo(sums.get(1L).rows());
    }

    @Test
    void aFollowerThatDivergedStopsApplyingAndSaysWhy() throws Exception {
        write(1, 0, "INSERT INTO t (id, v) VALUES (?, ?)", 1, "a");
        cluster.awaitQuiet();
        try (var c = cluster.stores(3).store(0).borrow().connection().createStatement()) {
            c.executeUpdate("DELETE FROM t");
        }
        write(1, 0, "UPDATE t SET v = ? WHERE id = ?", "x", 1);
        long deadline = System.currentTimeMillis() + 10_000;
        while (cluster.machine(3).divergence(0).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cluster.machine(3).divergence(0)).get().asString().contains("diverged");
        assertThat(cluster.machine(2).divergence(0)).isEmpty();
    }

    @Test
    void aRestartedFollowerResumesAfterItsAppliedIndexWithoutApplyingTwice() throws Exception {
        for (int i = 0; i < 10; i++) {
            write(1, 0, "INSERT INTO t (id, v) VALUES (?, ?)", i, "v" + i);
        }
        cluster.awaitQuiet();
        long appliedBefore = cluster.machine(3).appliedIndexOf(0);
        cluster.stop(3);
        write(1, 0, "INSERT INTO t (id, v) VALUES (?, ?)", 100, "while down");
        cluster.log.pause(3); // read the reopened replica's index before the log reaches it
        cluster.start(3);
        assertThat(cluster.machine(3).appliedIndexOf(0)).isEqualTo(appliedBefore);
        cluster.log.resume(3); // the log hands it every entry from the first: those it holds must be skipped
        cluster.awaitQuiet();
        assertThat(cluster.machine(3).divergence(0)).isEmpty();
        assertThat(cluster.localRows(3, 0, "SELECT COUNT(*) FROM t")).containsExactly(List.of(11));
        Map<Long, PartitionChecksum> sums = cluster.checksums(0);
        assertThat(sums.values().stream().distinct()).hasSize(1);
    }

    @Test
    void aNewReplicaCatchesUpFromASnapshotAndTheLogAfterIt() throws Exception {
        for (int i = 0; i < 10; i++) {
            write(1, 0, "INSERT INTO t (id, v) VALUES (?, ?)", i, "v" + i);
        }
        cluster.awaitQuiet();
        long group = GroupIds.ofPartition(0);
        StateMachine.Snapshot snapshot = null;
        long deadline = System.currentTimeMillis() + 20_000;
        while ((snapshot == null || snapshot.index() < cluster.machine(1).appliedIndexOf(0))
                && System.currentTimeMillis() < deadline) {
            snapshot = cluster.machine(1).snapshot(group); // the first call starts the backup
            Thread.sleep(50);
        }
        assertThat(snapshot).isNotNull();
        assertThat(snapshot.index()).isEqualTo(cluster.machine(1).appliedIndexOf(0));

        cluster.stop(3);
        org.distdata.storage.PartitionSet.deleteTree(dir.resolve("n3")); // a brand-new replica
        write(1, 0, "INSERT INTO t (id, v) VALUES (?, ?)", 100, "after the snapshot");
        cluster.log.pause(3);
        cluster.start(3);
        cluster.machine(3).installSnapshot(group, new SnapshotMeta(snapshot.index(), 1,
                Membership.ofVoters(1L, 2L, 3L)), snapshot.data());
        assertThat(cluster.machine(3).appliedIndexOf(0)).isEqualTo(snapshot.index());
        cluster.log.skipTo(3, group, snapshot.index());
        cluster.log.skipTo(3, GroupIds.ofPartition(1), 0);
        cluster.log.resume(3);
        cluster.awaitQuiet();
        assertThat(cluster.localRows(3, 0, "SELECT COUNT(*) FROM t")).containsExactly(List.of(11));
        assertThat(cluster.checksums(0).values().stream().distinct()).hasSize(1);
    }

    @Test
    void currentTimestampIsTheLeadersValueOnEveryReplica() throws Exception {
        write(2, 1, "INSERT INTO t (id, v, ts) VALUES (?, 'now', CURRENT_TIMESTAMP)", 1);
        cluster.awaitQuiet();
        Thread.sleep(5);
        Object onLeader = cluster.localRows(1, 1, "SELECT ts FROM t").get(0).get(0);
        assertThat(onLeader).isNotNull();
        assertThat(cluster.localRows(2, 1, "SELECT ts FROM t").get(0).get(0)).isEqualTo(onLeader);
        assertThat(cluster.localRows(3, 1, "SELECT ts FROM t").get(0).get(0)).isEqualTo(onLeader);
    }

    @Test
    void aFollowerAnswersNotLeaderNamingTheLeader() {
        assertThatThrownBy(() -> cluster.service(2).update(new TxnBranch("x", 0), "DELETE FROM t", List.of()))
                .isInstanceOfSatisfying(NotLeaderException.class, e -> assertThat(e.leaderHint()).isEqualTo(1));
    }

    @Test
    void aNewLeaderRollsBackNothingCommittedAndServesAfterItsTermBegins() throws Exception {
        write(1, 0, "INSERT INTO t (id, v) VALUES (?, ?)", 1, "a");
        TxnBranch open = new TxnBranch("open", 0);
        cluster.service(1).update(open, "INSERT INTO t (id, v) VALUES (?, ?)", List.of(2, "uncommitted"));
        cluster.log.elect(2, cluster.groups());
        // the old leader's live branch is gone, its locks released; the new leader serves
        assertThatThrownBy(() -> cluster.service(1).commit(open, false)).isInstanceOf(Exception.class);
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            try {
                write(3, 0, "INSERT INTO t (id, v) VALUES (?, ?)", 3, "c");
                break;
            } catch (DistDataException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
        cluster.awaitQuiet();
        for (long n = 1; n <= 3; n++) {
            assertThat(cluster.localRows(n, 0, "SELECT id FROM t ORDER BY id")).containsExactly(List.of(1), List.of(3));
        }
        assertThat(cluster.log.log(GroupIds.ofPartition(0))).isNotEmpty();
    }
}
