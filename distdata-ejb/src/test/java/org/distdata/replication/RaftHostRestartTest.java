package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.distdata.raft.RaftOptions;
import org.distdata.storage.wal.WalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hosts restarted over their write-ahead logs and their (durable) state machines. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RaftHostRestartTest {

    @TempDir
    Path dir;

    @Test
    void aRestartedNodeDoesNotApplyAgainWhatItsStateMachineAlreadyApplied() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults())) {
            for (int i = 0; i < 20; i++) {
                propose(cluster, "c" + i);
            }
            awaitEveryMachineHolds(cluster, 20);
            for (long n : List.of(1L, 2L, 3L)) {
                cluster.stop(n);
            }
            for (long n : List.of(1L, 2L, 3L)) {
                cluster.start(n);
            }

            propose(cluster, "after");

            awaitEveryMachineHolds(cluster, 21);
            for (long n : cluster.nodes()) {
                assertThat(cluster.machine(n).violations).as("n" + n).isEmpty();
                assertThat(cluster.machine(n).commands(1)).as("n" + n).doesNotHaveDuplicates().hasSize(21).endsWith("after");
            }
        }
    }

    @Test
    void aGroupWhoseLogWasCompactedRestartsFromItsSnapshotAndServesItToALaggingFollower() throws Exception {
        WalOptions smallSegments = WalOptions.defaults().withFsync(false).withSegmentBytes(2048);
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, smallSegments,
                o -> o.withSnapshotEvery(5).withRaftOptions(
                        g -> RaftOptions.defaults(o.raftOptions().apply(g).id()).withSnapshotChunkBytes(64)))) {
            cluster.stop(3);
            for (int i = 0; i < 30; i++) {
                propose(cluster, "c" + i);
            }
            assertThat(InProcessCluster.await(() -> cluster.host(1).metrics().snapshotsTaken() > 0
                    && cluster.host(2).metrics().snapshotsTaken() > 0, 10_000)).isTrue();
            awaitEveryMachineHolds(cluster, 30);
            cluster.stop(1);
            cluster.stop(2);

            cluster.start(1);
            cluster.start(2);
            propose(cluster, "after-restart");
            long restartedLeader = cluster.awaitLeader(1, 10_000);
            cluster.start(3);

            assertThat(InProcessCluster.await(() -> cluster.machine(3).commands(1).size() == 31, 20_000))
                    .as("n3 holds " + cluster.machine(3).commands(1)).isTrue();
            assertThat(cluster.machine(3).commands(1)).isEqualTo(cluster.machine(restartedLeader).commands(1));
            assertThat(cluster.machine(3).installs()).as("n3 caught up through a snapshot").isPositive();
            for (long n : cluster.nodes()) {
                assertThat(cluster.machine(n).violations).as("n" + n).isEmpty();
            }
        }
    }

    static void propose(InProcessCluster cluster, String command) throws Exception {
        cluster.commit(1, command.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitEveryMachineHolds(InProcessCluster cluster, int commands) throws InterruptedException {
        assertThat(InProcessCluster.await(() -> cluster.nodes().stream()
                .allMatch(n -> cluster.machine(n).commands(1).size() >= commands), 20_000)).isTrue();
    }
}
