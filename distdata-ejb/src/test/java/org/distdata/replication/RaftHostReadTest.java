package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.RaftOptions;
import org.distdata.raft.ReadMode;
import org.distdata.storage.wal.WalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Linearizable reads through the host: an index to wait for, or a refusal that comes in time. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RaftHostReadTest {

    @TempDir
    Path dir;

    @Test
    void aReadOnTheLeaderCompletesWithAnIndexCoveringEveryWriteCommittedBeforeIt() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            long written = cluster.host(leader).propose(1, new byte[] {1}).get(10, TimeUnit.SECONDS);

            for (ReadMode mode : ReadMode.values()) {
                assertThat(cluster.host(leader).read(1, mode).get(10, TimeUnit.SECONDS)).as(mode.name())
                        .isGreaterThanOrEqualTo(written);
            }
        }
    }

    @Test
    void aReadOnAFollowerIsRefusedWithTheLeaderNamed() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            long follower = leader == 1 ? 2 : 1;

            CompletableFuture<Long> read = cluster.host(follower).read(1, ReadMode.READ_INDEX);

            assertThat(read).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingRootCause().isInstanceOf(ProposalRejectedException.class)
                    .withMessageContaining("the leader is " + leader);
        }
    }

    @Test
    void aReadOnALeaderCutOffFromItsQuorumFailsWithNoQuorumWithinTheReadTimeout() throws Exception {
        // Long election timeouts (0.5 s to 1 s) keep the cut-off leader leading while its read times out.
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false),
                o -> o.withReadTimeoutMillis(150).withRaftOptions(
                        g -> RaftOptions.defaults(o.raftOptions().apply(g).id()).withElectionTicks(50, 1)))) {
            long leader = cluster.awaitLeader(1, 20_000);
            cluster.host(leader).read(1, ReadMode.READ_INDEX).get(10, TimeUnit.SECONDS);
            cluster.isolate(leader);

            long started = System.nanoTime();
            CompletableFuture<Long> read = cluster.host(leader).read(1, ReadMode.READ_INDEX);

            assertThat(read).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingRootCause().isInstanceOf(NoQuorumException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_000));
        }
    }
}
