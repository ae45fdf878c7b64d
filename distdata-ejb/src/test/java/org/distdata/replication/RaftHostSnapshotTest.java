package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.distdata.raft.RaftOptions;
import org.distdata.storage.wal.WalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Periodic snapshots: the log is compacted, the WAL shrinks, and a follower the log no longer reaches gets the snapshot. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RaftHostSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void aFollowerThatMissedCompactedEntriesCatchesUpByInstallingTheLeadersSnapshotStagedInAFile() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false),
                o -> o.withSnapshotEvery(5).withRaftOptions(
                        g -> RaftOptions.defaults(o.raftOptions().apply(g).id()).withSnapshotChunkBytes(64)))) {
            cluster.stop(3);
            for (int i = 0; i < 30; i++) {
                RaftHostRestartTest.propose(cluster, "c" + i);
            }
            long leader = cluster.awaitLeader(1, 10_000);
            assertThat(InProcessCluster.await(() -> cluster.host(leader).metrics().snapshotsTaken() > 0, 10_000)).isTrue();

            cluster.start(3);

            assertThat(InProcessCluster.await(() -> cluster.machine(3).commands(1).size() == 30, 20_000))
                    .as("n3 holds " + cluster.machine(3).commands(1)).isTrue();
            assertThat(cluster.machine(3).commands(1)).isEqualTo(cluster.machine(leader).commands(1));
            assertThat(cluster.machine(3).installs()).isPositive();
            assertThat(cluster.host(3).metrics().snapshotsInstalled()).isPositive();
            assertThat(cluster.host(leader).metrics().snapshotsSent()).isPositive();
            assertThat(cluster.machine(3).violations).isEmpty();
            try (Stream<Path> staged = Files.list(dir.resolve("staging-n3"))) {
                assertThat(staged.map(p -> p.getFileName().toString()))
                        .as("the installed snapshot stays in its staging file for the replica to send on")
                        .anyMatch(name -> name.endsWith(".snapshot"));
            }
        }
    }

    @Test
    void snapshotMarksLetTheWriteAheadLogDeleteTheSegmentsTheyCover() throws Exception {
        WalOptions smallSegments = WalOptions.defaults().withFsync(false).withSegmentBytes(4096);
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, smallSegments, o -> o.withSnapshotEvery(20))) {
            long leader = cluster.awaitLeader(1, 10_000);
            byte[] command = new byte[100];
            for (int round = 0; round < 20; round++) {
                List<CompletableFuture<Long>> results = Stream.generate(() -> cluster.host(leader).propose(1, command))
                        .limit(20).toList();
                CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            }

            for (long n : cluster.nodes()) {
                assertThat(InProcessCluster.await(() -> cluster.wal(n).stats().segmentsDeleted() > 0, 10_000))
                        .as("n" + n + ": " + cluster.wal(n).stats()).isTrue();
                try (Stream<Path> files = Files.list(cluster.walDirectory(n))) {
                    long segments = files.filter(f -> f.getFileName().toString().startsWith("wal-")).count();
                    assertThat(segments).as("n" + n + " keeps only the segments after its snapshot")
                            .isLessThan(cluster.wal(n).stats().segmentsCreated());
                }
            }
        }
    }
}
