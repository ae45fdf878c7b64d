package org.distdata.transport.message;

import java.util.Arrays;
import java.util.Objects;

import org.distdata.raft.Message.SnapshotChunk;
import org.distdata.raft.PeerMessage;

/**
 * Equality of decoded messages: {@code equals}, except for Raft's {@link SnapshotChunk},
 * a record whose {@code byte[]} field {@code equals} compares by identity.
 */
final class WireEquality {

    private WireEquality() {
    }

    static boolean same(Object a, Object b) {
        if (a instanceof PeerMessage.Single x && b instanceof PeerMessage.Single y
                && x.message() instanceof SnapshotChunk p && y.message() instanceof SnapshotChunk q) {
            return x.group() == y.group() && p.from() == q.from() && p.to() == q.to() && p.term() == q.term()
                    && p.meta().equals(q.meta()) && p.offset() == q.offset() && Arrays.equals(p.data(), q.data())
                    && p.last() == q.last();
        }
        return Objects.equals(a, b);
    }
}
