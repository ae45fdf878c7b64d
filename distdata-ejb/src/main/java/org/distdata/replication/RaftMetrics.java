package org.distdata.replication;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counters of one node's Raft host since it started, written by the host's loop thread and
 * readable from any thread at any time; the Prometheus export reads them.
 */
public final class RaftMetrics {

    final AtomicLong proposals = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    final AtomicLong electionsStarted = new AtomicLong();
    final AtomicLong leaderChanges = new AtomicLong();
    final AtomicLong snapshotsSent = new AtomicLong();
    final AtomicLong snapshotsInstalled = new AtomicLong();
    final AtomicLong snapshotsTaken = new AtomicLong();
    final Map<Long, Long> applyLag = new ConcurrentHashMap<>();
    private final LongSupplier walSyncs;

    RaftMetrics(LongSupplier walSyncs) {
        this.walSyncs = walSyncs;
    }

    /** Commands accepted by a leader here (appended to its log). */
    public long proposals() {
        return proposals.get();
    }

    /** Committed entries handed to the state machine, all groups together. */
    public long commits() {
        return commits.get();
    }

    /** Elections this node started as a candidate (pre-votes that went no further not counted). */
    public long electionsStarted() {
        return electionsStarted.get();
    }

    /** Times a group here learnt of a leader other than the one it knew before. */
    public long leaderChanges() {
        return leaderChanges.get();
    }

    /** Snapshot transfers this node started as leader (a first chunk sent again counts again). */
    public long snapshotsSent() {
        return snapshotsSent.get();
    }

    /** Snapshots received from a leader and installed into the state machine. */
    public long snapshotsInstalled() {
        return snapshotsInstalled.get();
    }

    /** Local snapshots the log was compacted to. */
    public long snapshotsTaken() {
        return snapshotsTaken.get();
    }

    /** Fsyncs of the node's write-ahead log. */
    public long walSyncs() {
        return walSyncs.getAsLong();
    }

    /** Per hosted group: commit index minus the highest index handed to the state machine. */
    public Map<Long, Long> applyLag() {
        return new TreeMap<>(applyLag);
    }
}
