package org.distdata.raft;

import java.nio.ByteBuffer;

/**
 * A single-server change to a group's membership, carried by an {@link Entry.Kind#MEMBERSHIP}
 * entry. Only one change may be pending at a time, so every two consecutive configurations
 * differ by one voter and their majorities always overlap.
 */
public record MembershipChange(Type type, long node) {

    /** The kinds of change. */
    public enum Type {
        /** Adds a non-voting member that receives the log (to catch up before promotion). */
        ADD_LEARNER,
        /** Makes a learner a voter. */
        PROMOTE,
        /** Removes a voter or a learner. */
        REMOVE
    }

    public byte[] encode() {
        return ByteBuffer.allocate(9).put((byte) type.ordinal()).putLong(node).array();
    }

    public static MembershipChange decode(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        return new MembershipChange(Type.values()[buffer.get()], buffer.getLong());
    }
}
