package org.distdata.storage.wal;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of the node's write-ahead log, always about one Raft group. The log knows
 * nothing of Raft beyond these four shapes: entries, the hard state, the removal of a
 * conflicting suffix and the point a snapshot covers. {@link WriteAheadLog#recovered()}
 * folds them back into each group's state after a restart.
 */
public sealed interface WalRecord {

    /** The Raft group this record belongs to. */
    long group();

    /**
     * A Raft log entry. A later entry at the same index replaces an earlier one; dropping
     * the rest of a conflicting suffix is the caller's job ({@link Truncate}). The payload
     * is not copied: it is encoded when the batch is handed to {@code append}, so the
     * caller may reuse the array once that call has returned.
     */
    record Entry(long group, long index, long term, byte type, byte[] payload) implements WalRecord {
        public Entry {
            Objects.requireNonNull(payload, "payload");
        }

        // A record compares arrays by identity; a recovered entry must equal the one written.
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && group == e.group && index == e.index && term == e.term
                    && type == e.type && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(group, index, term, type) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Entry[group=" + group + ", index=" + index + ", term=" + term + ", type=" + type
                    + ", payload=" + payload.length + " bytes]";
        }
    }

    /** Raft's hard state of a group; the latest one written wins. */
    record HardState(long group, long term, long vote, long commit) implements WalRecord {
    }

    /** Drops the group's entries with index {@code >= fromIndex} written before it. */
    record Truncate(long group, long fromIndex) implements WalRecord {
    }

    /**
     * The group's state machine snapshot covers every entry up to {@code index}: those
     * entries are no longer needed, and segments holding only such entries can go. The
     * latest mark written wins; its index is expected never to go down.
     */
    record SnapshotMark(long group, long index, long term, byte[] context) implements WalRecord {
        private static final byte[] NONE = new byte[0];

        /**
         * {@code context} is what the caller needs besides index and term to restart from the
         * snapshot (Raft keeps the group's membership there); opaque to the log.
         */
        public SnapshotMark {
            context = context == null ? NONE : context;
        }

        public SnapshotMark(long group, long index, long term) {
            this(group, index, term, NONE);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SnapshotMark s && group == s.group && index == s.index && term == s.term
                    && Arrays.equals(context, s.context);
        }

        @Override
        public int hashCode() {
            return Objects.hash(group, index, term) * 31 + Arrays.hashCode(context);
        }

        @Override
        public String toString() {
            return "SnapshotMark[group=" + group + ", index=" + index + ", term=" + term + ", context="
                    + context.length + " bytes]";
        }
    }
}
