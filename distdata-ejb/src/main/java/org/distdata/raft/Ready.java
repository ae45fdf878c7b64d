package org.distdata.raft;

import java.util.List;

/**
 * Everything a replica asks of its host since the last {@link RaftReplica#advance}. The
 * host must act in this order, then call {@code advance(ready)}:
 * <ol>
 * <li>stage {@link #snapshotChunks}; if {@link #installSnapshot} is set, replace the state
 *     machine with the staged snapshot, persist that it covers the snapshot's index, and
 *     hand its bytes back with {@link RaftReplica#snapshotInstalled};</li>
 * <li>persist {@link #entries} (an entry at an index already on disk replaces it and every
 *     entry after it) and {@link #hardState} when it is not null, and make them durable;</li>
 * <li>only then send {@link #messages}: they may depend on what was just persisted;</li>
 * <li>apply {@link #committed} to the state machine, in order;</li>
 * <li>serve the reads in {@link #readStates} once their index is applied.</li>
 * </ol>
 */
public record Ready(Role role, long leader, long term, HardState hardState, List<Entry> entries,
                    List<Entry> committed, List<Message> messages, List<ReadState> readStates,
                    List<ReceivedSnapshotChunk> snapshotChunks, SnapshotMeta installSnapshot) {

    public boolean hasWork() {
        return hardState != null || !entries.isEmpty() || !committed.isEmpty() || !messages.isEmpty()
                || !readStates.isEmpty() || !snapshotChunks.isEmpty() || installSnapshot != null;
    }

    /** Whether this Ready asks for anything to be made durable before its messages leave. */
    public boolean needsSync() {
        return hardState != null || !entries.isEmpty() || installSnapshot != null;
    }
}
