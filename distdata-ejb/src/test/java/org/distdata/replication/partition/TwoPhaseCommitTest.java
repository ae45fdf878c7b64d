package org.distdata.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.distdata.partition.StatementTimeout;
import org.distdata.partition.TxnBranch;
import org.distdata.partition.WriteTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two-phase commit over partition groups, on real replicas over a stand-in log: atomic
 * commits across partitions, the outcome of a transaction whose coordinator died before or
 * after deciding, a new leader that re-takes a prepared transaction's locks, and a restarted
 * follower that still holds its prepared writes. Every case ends with identical replicas.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoPhaseCommitTest {

    @TempDir
    Path dir;

    private ReplicaSet cluster;

    @BeforeEach
    void start() throws SQLException {
        cluster = new ReplicaSet(dir, 3, 2);
        try (WriteTransaction tx = cluster.gateway(2).begin()) {
            for (int p = 0; p < 2; p++) {
                tx.update(p, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))", List.of());
            }
            tx.commit();
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aWriteToSeveralPartitionsCommitsOnEveryReplicaOfEach() throws Exception {
        try (WriteTransaction tx = cluster.gateway(2).begin()) {
            tx.update(0, "INSERT INTO t (id, v) VALUES (?, ?)", List.of(1, "a"));
            tx.update(1, "INSERT INTO t (id, v) VALUES (?, ?)", List.of(2, "b"));
            tx.update(1, "UPDATE t SET v = ? WHERE id = ?", List.of("b2", 2));
            tx.commit();
        }
        assertRowsEverywhere(0, List.of(List.of(1, "a")));
        assertRowsEverywhere(1, List.of(List.of(2, "b2")));
        assertReplicasIdentical();
    }

    @Test
    void aFailedStatementInOnePartitionLeavesTheOtherUnchanged() throws Exception {
        try (WriteTransaction tx = cluster.gateway(1).begin()) {
            tx.update(0, "INSERT INTO t (id, v) VALUES (?, ?)", List.of(1, "a"));
            tx.commit();
        }
        WriteTransaction tx = cluster.gateway(3).begin();
        tx.update(1, "INSERT INTO t (id, v) VALUES (?, ?)", List.of(2, "b"));
        assertThatThrownBy(() -> tx.update(0, "INSERT INTO t (id, v) VALUES (?, ?)", List.of(1, "duplicate")))
                .isInstanceOf(SQLException.class);
        tx.rollback();
        assertRowsEverywhere(0, List.of(List.of(1, "a")));
        assertRowsEverywhere(1, List.of());
        assertReplicasIdentical();
    }

    @Test
    void aTransactionPreparedButNeverDecidedIsAbortedByTheResolverAndReleasesItsLocks() throws Exception {
        LeaderPartitionService leader = cluster.service(1);
        prepareOnBoth(leader, "dead-before-deciding");
        // its locks hold: another writer of the same row waits, here until its time limit
        assertThatThrownBy(() -> withLimit(Duration.ofSeconds(1), () -> {
            try (WriteTransaction other = cluster.gateway(2).begin()) {
                other.update(0, "UPDATE t SET v = 'other' WHERE id = 1", List.of());
                other.commit();
            }
        })).isInstanceOf(SQLException.class);

        int finished = new InDoubtResolver(leader, cluster.gateway(1)).resolve(Duration.ZERO);

        assertThat(finished).isEqualTo(2);
        assertThat(leader.decide("dead-before-deciding", 0, true)).as("the abort recorded first stands").isFalse();
        assertRowsEverywhere(0, List.of());
        assertRowsEverywhere(1, List.of());
        try (WriteTransaction other = cluster.gateway(2).begin()) {
            other.update(0, "INSERT INTO t (id, v) VALUES (?, ?)", List.of(1, "free again"));
            other.commit();
        }
        assertRowsEverywhere(0, List.of(List.of(1, "free again")));
        assertReplicasIdentical();
    }

    @Test
    void aDecidedCommitReachesAParticipantThatRestartedInTheMeantime() throws Exception {
        LeaderPartitionService leader = cluster.service(1);
        prepareOnBoth(leader, "dead-after-deciding");
        assertThat(leader.decide("dead-after-deciding", 0, true)).isTrue();
        assertThat(leader.decide("dead-after-deciding", 0, false)).as("the commit recorded first stands").isTrue();
        cluster.awaitQuiet();
        cluster.stop(3); // a follower goes down holding the prepared writes, and comes back
        cluster.start(3);

        int finished = new InDoubtResolver(leader, cluster.gateway(1)).resolve(Duration.ZERO);

        assertThat(finished).isEqualTo(2);
        assertRowsEverywhere(0, List.of(List.of(1, "p0")));
        assertRowsEverywhere(1, List.of(List.of(2, "p1")));
        assertReplicasIdentical();
    }

    @Test
    void aNewLeaderRetakesThePreparedLocksBeforeServingAndCommitsAtFinish() throws Exception {
        prepareOnBoth(cluster.service(1), "leader-changed");
        cluster.log.elect(2, cluster.groups());
        LeaderPartitionService newLeader = cluster.service(2);
        awaitServing(newLeader);
        assertThatThrownBy(() -> withLimit(Duration.ofSeconds(1), () -> {
            try (WriteTransaction other = cluster.gateway(3).begin()) {
                other.update(1, "DELETE FROM t WHERE id = 2", List.of());
                other.commit();
            }
        })).as("the prepared row is locked at the new leader").isInstanceOf(SQLException.class);

        assertThat(newLeader.decide("leader-changed", 0, true)).isTrue();
        newLeader.finish(new TxnBranch("leader-changed", 0), true);
        newLeader.finish(new TxnBranch("leader-changed", 1), true);

        assertRowsEverywhere(0, List.of(List.of(1, "p0")));
        assertRowsEverywhere(1, List.of(List.of(2, "p1")));
        assertReplicasIdentical();
    }

    @Test
    void aRecordedDecisionStandsAfterTheHomeReplicaRestartsAndTakesTheLead() throws Exception {
        prepareOnBoth(cluster.service(1), "home-restarted");
        assertThat(cluster.service(1).decide("home-restarted", 0, false)).isFalse();
        cluster.awaitQuiet();
        cluster.stop(2); // its decisions in memory are gone; the table keeps them
        cluster.start(2);
        cluster.log.elect(2, cluster.groups());
        LeaderPartitionService newLeader = cluster.service(2);
        awaitServing(newLeader);

        assertThat(newLeader.decide("home-restarted", 0, true)).as("the abort recorded first stands").isFalse();
        newLeader.finish(new TxnBranch("home-restarted", 0), false);
        newLeader.finish(new TxnBranch("home-restarted", 1), false);

        assertRowsEverywhere(0, List.of());
        assertRowsEverywhere(1, List.of());
        assertReplicasIdentical();
    }

    private void prepareOnBoth(LeaderPartitionService leader, String txn) throws SQLException {
        leader.update(new TxnBranch(txn, 0), "INSERT INTO t (id, v) VALUES (?, ?)", List.of(1, "p0"));
        leader.update(new TxnBranch(txn, 1), "INSERT INTO t (id, v) VALUES (?, ?)", List.of(2, "p1"));
        assertThat(leader.prepare(new TxnBranch(txn, 0), 0)).isTrue();
        assertThat(leader.prepare(new TxnBranch(txn, 1), 0)).isTrue();
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void withLimit(Duration limit, Work work) throws SQLException {
        StatementTimeout.set(limit);
        try {
            work.run();
        } finally {
            StatementTimeout.clear();
        }
    }

    private static void awaitServing(LeaderPartitionService leader) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                leader.rollback(new TxnBranch("probe", 0));
                leader.update(new TxnBranch("probe", 1), "DELETE FROM t WHERE id = -1", List.of());
                leader.rollback(new TxnBranch("probe", 1));
                return;
            } catch (RuntimeException | SQLException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the new leader does not serve", e);
                }
                Thread.sleep(20);
            }
        }
    }

    private void assertRowsEverywhere(int partition, List<List<Object>> rows) throws Exception {
        cluster.awaitQuiet();
        for (long n = 1; n <= 3; n++) {
            assertThat(cluster.localRows(n, partition, "SELECT id, v FROM t ORDER BY id"))
                    .as("node " + n + ", partition " + partition).isEqualTo(rows);
        }
    }

    private void assertReplicasIdentical() throws Exception {
        for (int p = 0; p < 2; p++) {
            Map<Long, PartitionChecksum> sums = cluster.checksums(p);
            assertThat(sums.values()).as("partition " + p).doesNotContainNull().hasSize(3);
            assertThat(sums.values().stream().distinct()).as("partition " + p + ": " + sums).hasSize(1);
        }
    }
}
