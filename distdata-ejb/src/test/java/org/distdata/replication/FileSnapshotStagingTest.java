package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.distdata.raft.Membership;
import org.distdata.raft.ReceivedSnapshotChunk;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Received snapshots go to files, start over at offset 0, and go away when no longer needed. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FileSnapshotStagingTest {

    private static final SnapshotMeta META = new SnapshotMeta(9, 2, Membership.ofVoters(1L));

    @TempDir
    Path dir;

    @Test
    void chunksAreAssembledInAFileThatAChunkAtOffsetZeroStartsOver() throws Exception {
        FileSnapshotStaging staging = new FileSnapshotStaging(dir);
        staging.write(0, new ReceivedSnapshotChunk(META, 0, new byte[] {9, 9, 9, 9}));
        staging.write(0, new ReceivedSnapshotChunk(META, 0, new byte[] {1, 2}));
        staging.write(0, new ReceivedSnapshotChunk(META, 2, new byte[] {3}));

        SnapshotSource source = staging.complete(0, META);

        assertThat(source.size()).isEqualTo(3);
        assertThat(source.read(0, 10)).containsExactly(1, 2, 3);
        assertThat(source.read(1, 1)).containsExactly(2);
        assertThat(files()).containsExactly("group-0-9-2.snapshot");
    }

    @Test
    void releasingTheCompletedSnapshotKeepsOneBeingReceivedAndDiscardDropsBoth() throws Exception {
        FileSnapshotStaging staging = new FileSnapshotStaging(dir);
        staging.write(1, new ReceivedSnapshotChunk(META, 0, new byte[] {1}));
        staging.complete(1, META);
        staging.write(1, new ReceivedSnapshotChunk(META, 0, new byte[] {2}));

        staging.releaseCompleted(1);
        assertThat(files()).containsExactly("group-1.partial");

        staging.discard(1);
        assertThat(files()).isEmpty();
    }

    @Test
    void leftoversOfAnEarlierRunAreRemovedAtStart() throws Exception {
        Files.write(dir.resolve("group-3.partial"), new byte[] {1});
        new FileSnapshotStaging(dir);
        assertThat(files()).isEmpty();
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
