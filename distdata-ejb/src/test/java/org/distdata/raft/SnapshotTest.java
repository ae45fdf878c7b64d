package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.distdata.raft.Message.SnapshotChunk;
import org.junit.jupiter.api.Test;

/**
 * Snapshots: a follower whose next entry the leader has compacted away receives the
 * leader's snapshot in chunks, installs it and continues from the log; a lost chunk is
 * sent again.
 */
class SnapshotTest {

    private static final int CHUNK_BYTES = 16;

    @Test
    void followerThatWasDownCatchesUpThroughASnapshotSentInSeveralChunks() {
        RaftCluster cluster = leaderCompactedWhileN3WasDown();
        cluster.takeSent();

        cluster.tickAll(5);

        List<SnapshotChunk> chunks = chunksTo(3, cluster.takeSent());
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i).offset()).isEqualTo((long) CHUNK_BYTES * i);
            assertThat(chunks.get(i).last()).isEqualTo(i == chunks.size() - 1);
        }
        assertThat(cluster.node(3).firstIndex()).as("n3's log now starts after the snapshot")
                .isEqualTo(chunks.get(0).meta().index() + 1);
        assertThat(cluster.applied(3)).isEqualTo(cluster.applied(1)).endsWith("c19", "after");
        assertThat(cluster.node(3).lastIndex()).isEqualTo(cluster.node(1).lastIndex());
    }

    @Test
    void lostSnapshotChunkIsResentAndTheTransferCompletes() {
        RaftCluster cluster = leaderCompactedWhileN3WasDown();
        cluster.tick(1, 1);
        cluster.deliverWhile(() -> cluster.queued().stream().noneMatch(m -> m instanceof SnapshotChunk c && c.offset() > 0));
        SnapshotChunk lost = (SnapshotChunk) cluster.queued().stream()
                .filter(m -> m instanceof SnapshotChunk c && c.offset() > 0).findFirst().orElseThrow();
        cluster.drop(m -> m == lost);
        cluster.deliverAll();
        assertThat(cluster.applied(3)).as("stalled without the chunk").isEmpty();
        cluster.takeSent();

        cluster.tickAll(RaftOptions.defaults(1).electionTicks());

        assertThat(chunksTo(3, cluster.takeSent())).extracting(SnapshotChunk::offset).contains(lost.offset());
        assertThat(cluster.applied(3)).isEqualTo(cluster.applied(1)).endsWith("c19", "after");
    }

    /** n3 misses 20 commands; n1 snapshots and compacts them, appends one more, and n3 restarts. */
    private static RaftCluster leaderCompactedWhileN3WasDown() {
        RaftCluster cluster = RaftCluster.of(3, 3, id -> RaftOptions.defaults(id).withSnapshotChunkBytes(CHUNK_BYTES));
        cluster.elect(1);
        cluster.crash(3);
        for (int i = 0; i < 20; i++) {
            cluster.propose(1, "c" + i);
        }
        cluster.deliverAll();
        cluster.snapshot(1);
        assertThat(cluster.node(1).firstIndex()).isGreaterThan(20);
        cluster.propose(1, "after");
        cluster.deliverAll();
        cluster.restart(3);
        return cluster;
    }

    private static List<SnapshotChunk> chunksTo(long to, List<Message> sent) {
        return sent.stream().filter(m -> m instanceof SnapshotChunk c && c.to() == to).map(m -> (SnapshotChunk) m)
                .toList();
    }
}
