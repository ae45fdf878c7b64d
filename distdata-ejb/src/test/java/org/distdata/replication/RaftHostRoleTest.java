package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.distdata.raft.RaftReplica;
import org.distdata.raft.Role;
import org.distdata.storage.wal.WalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The state machine hears of every change of role, term or leader. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RaftHostRoleTest {

    @TempDir
    Path dir;

    @Test
    void theWinnerOfAnElectionIsToldItLeadsAndTheOthersAreToldWhoLeads() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            for (long n : cluster.nodes()) {
                Role expected = n == leader ? Role.LEADER : Role.FOLLOWER;
                assertThat(InProcessCluster.await(() -> last(cluster, n).role() == expected
                        && last(cluster, n).leader() == leader, 5_000)).as("n" + n + ": " + last(cluster, n)).isTrue();
            }
            assertThat(cluster.machine(leader).roleChanges).extracting(RecordingStateMachine.RoleChange::role)
                    .as("the leader campaigned first").contains(Role.CANDIDATE);
        }
    }

    @Test
    void aLeaderCutOffFromItsQuorumIsToldItNoLongerLeads() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            assertThat(InProcessCluster.await(() -> last(cluster, leader).role() == Role.LEADER, 5_000)).isTrue();
            long termLed = last(cluster, leader).term();

            cluster.isolate(leader);

            assertThat(InProcessCluster.await(() -> last(cluster, leader).role() != Role.LEADER, 10_000))
                    .as("stepped down: " + cluster.machine(leader).roleChanges).isTrue();
            assertThat(last(cluster, leader).leader()).isEqualTo(RaftReplica.NONE);
            assertThat(last(cluster, leader).term()).isGreaterThanOrEqualTo(termLed);
            long newLeader = cluster.awaitLeader(1, 10_000);
            assertThat(newLeader).isNotEqualTo(leader);
            assertThat(InProcessCluster.await(() -> last(cluster, newLeader).role() == Role.LEADER, 5_000)).isTrue();
        }
    }

    private static RecordingStateMachine.RoleChange last(InProcessCluster cluster, long node) {
        var changes = cluster.machine(node).roleChanges;
        return changes.get(changes.size() - 1);
    }
}
