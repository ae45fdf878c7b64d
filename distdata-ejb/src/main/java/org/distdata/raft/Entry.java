package org.distdata.raft;

import java.util.Arrays;

/**
 * One entry of a group's replicated log: the term of the leader that created it, its
 * position, what kind of entry it is and its opaque payload. Two entries are the same entry
 * when index, term and payload agree; {@link #equals} says so.
 */
public record Entry(long term, long index, Kind kind, byte[] data) {

    /** What an entry carries. */
    public enum Kind {
        /** A command for the group's state machine. */
        COMMAND,
        /** The empty entry a new leader appends so that it can commit in its own term. */
        NOOP,
        /** A {@link MembershipChange}, applied by the Raft core itself when committed. */
        MEMBERSHIP
    }

    public Entry {
        if (data == null) {
            data = new byte[0];
        }
    }

    /** Payload size plus a fixed overhead: what batching limits count. */
    public int sizeInBytes() {
        return data.length + 24;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Entry e && e.term == term && e.index == index && e.kind == kind
                && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(term) * 31 + Long.hashCode(index) * 17 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return index + "@" + term + (kind == Kind.COMMAND ? "" : ":" + kind);
    }
}
