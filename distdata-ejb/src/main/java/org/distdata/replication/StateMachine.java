package org.distdata.replication;

import java.util.List;

import org.distdata.raft.Entry;
import org.distdata.raft.Role;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;

/**
 * What the Raft groups of one node replicate into. The host calls every method on its own
 * loop thread, so an implementation must not block there for long: it hands the work to a
 * thread of its own and applies each group's entries strictly in log order, once each.
 */
public interface StateMachine {

    /**
     * The last index of {@code group} whose effect is durable in the state machine (0 for a
     * new group). Read when the host starts hosting the group: committed entries at or below
     * it are not handed to {@link #apply} again, which makes replay after a crash exactly-once.
     */
    long appliedIndex(long group);

    /**
     * Committed entries of {@code group}, in log order, continuing where the previous call
     * ended. Every kind is passed (a NOOP tells a new leader that its term's first entry is
     * committed); only {@link Entry.Kind#COMMAND}s carry state-machine data.
     */
    void apply(long group, List<Entry> committed);

    /**
     * This node's view of {@code group} changed: its role, the term, or the leader it knows.
     * Called once when the host starts hosting the group (as a follower with no leader known)
     * and then at every change.
     */
    default void roleChanged(long group, Role role, long term, long leader) {
    }

    /**
     * A snapshot of {@code group} at its durable applied index, for a follower the log no
     * longer reaches or for a new replica; null when the state machine cannot take one now.
     * The host asks every {@code snapshotEvery} applied entries and compacts its log to the
     * snapshot's index, and asks again when, restarted from a compacted log, it must send
     * one; its bytes must stay readable until a later snapshot replaces it.
     */
    default Snapshot snapshot(long group) {
        return null;
    }

    /**
     * Replaces the state of {@code group} with a snapshot received from the leader. Entries
     * after {@code meta.index()} follow through {@link #apply}. Unlike {@code apply}, this
     * must be durable when it returns, with {@link #appliedIndex} at {@code meta.index()}:
     * the host then records in its log that the entries before it are gone. {@code data}
     * stays readable after the call (the host keeps it to send on if it becomes leader).
     */
    default void installSnapshot(long group, SnapshotMeta meta, SnapshotSource data) {
        throw new UnsupportedOperationException("group " + group + " cannot install snapshots");
    }

    /** A state machine's snapshot: the index it covers and its bytes. */
    record Snapshot(long index, SnapshotSource data) {
    }
}
