package org.distdata.replication;

import org.distdata.raft.ReceivedSnapshotChunk;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;

/**
 * Where the chunks of a snapshot a group receives from its leader wait until the last one is
 * in and the state machine installs it. Production stages to a file per group
 * ({@link FileSnapshotStaging}), so a partition snapshot never has to fit in memory; tests
 * may stage in memory. Every method is called on the loop's thread.
 */
public interface SnapshotStaging {

    /** Adds a chunk; a chunk at offset 0 starts the group's staged snapshot over. */
    void write(long group, ReceivedSnapshotChunk chunk);

    /**
     * The staged snapshot of {@code group}, complete: its bytes, readable until
     * {@link #releaseCompleted} or {@link #discard} (the replica sends them on if it becomes
     * leader).
     */
    SnapshotSource complete(long group, SnapshotMeta meta);

    /**
     * Forgets the completed snapshot of {@code group}: the replica compacted to a newer one
     * of its own. A snapshot still being received is kept.
     */
    void releaseCompleted(long group);

    /** Forgets everything staged or completed for {@code group}. */
    void discard(long group);
}
