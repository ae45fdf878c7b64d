package org.distdata.replication;

import org.distdata.raft.Ready;
import org.distdata.raft.SnapshotMeta;

/**
 * Where a node's Raft groups keep what must survive a crash: the port through which
 * {@link ReadyLoop} persists Readies. Production writes the node's write-ahead log and syncs
 * it with group commit ({@link WalStorage}); the simulation writes a simulated disk and
 * schedules the fsync on its simulated clock. Every method is called on the loop's thread.
 */
public interface RaftStorage {

    /**
     * Queues what {@code ready} asks of group {@code group} to persist (entries, which replace
     * any suffix from their first index; the hard state; the mark of an installed snapshot).
     * Returns whether that must be durable before the Ready's messages leave.
     */
    boolean write(long group, Ready ready);

    /**
     * Hands every queued write to the disk. With {@code sync}, calls {@code whenDone} once
     * they are durable — later, and then on the loop's thread (the production host posts it
     * to its inbox, the simulation schedules it). Without, calls it at once: the writes become
     * durable with a later sync.
     */
    void flush(boolean sync, Runnable whenDone);

    /**
     * The state machine holds a durable snapshot of {@code group} up to {@code meta.index()}
     * and the replica compacted its log to it: the entries up to there may go.
     */
    void snapshotTaken(long group, SnapshotMeta meta);
}
