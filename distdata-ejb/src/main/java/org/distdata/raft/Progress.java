package org.distdata.raft;

import java.util.ArrayDeque;

/**
 * What a leader knows about one follower: how far its log matches ({@code match}), what to
 * send next, and how it is sending. In PROBE it sends one append at a time until it finds
 * where the logs agree; in REPLICATE it pipelines appends up to a window; in SNAPSHOT it
 * streams a snapshot because the entries the follower needs are compacted away.
 */
final class Progress {

    enum State { PROBE, REPLICATE, SNAPSHOT }

    long match;
    long next;
    State state = State.PROBE;
    /** In PROBE: an append is outstanding, send no other until a response or heartbeat. */
    boolean probeSent;
    /** In REPLICATE: last index of each append in flight, oldest first. */
    final ArrayDeque<Long> inflight = new ArrayDeque<>();
    /** In SNAPSHOT: the snapshot being sent and the offset of the next chunk. */
    SnapshotMeta snapshot;
    long snapshotOffset;
    int snapshotIdleTicks;
    /** Heard from it since the last CheckQuorum. */
    boolean recentActive;
    /** Highest heartbeat round it has answered. */
    long ackedRound;

    Progress(long next) {
        this.next = next;
    }

    void becomeProbe() {
        state = State.PROBE;
        next = match + 1;
        probeSent = false;
        inflight.clear();
        snapshot = null;
    }

    void becomeReplicate() {
        state = State.REPLICATE;
        next = match + 1;
        probeSent = false;
        inflight.clear();
    }

    void becomeSnapshot(SnapshotMeta meta) {
        state = State.SNAPSHOT;
        snapshot = meta;
        snapshotOffset = 0;
        snapshotIdleTicks = 0;
        inflight.clear();
    }

    /** A successful append response up to {@code index}; false if it told nothing new. */
    boolean acknowledge(long index) {
        boolean updated = false;
        if (index > match) {
            match = index;
            updated = true;
            probeSent = false;
        }
        next = Math.max(next, index + 1);
        while (!inflight.isEmpty() && inflight.peekFirst() <= index) {
            inflight.pollFirst();
        }
        return updated;
    }

    boolean canSendAppend(int maxInflight) {
        return switch (state) {
            case PROBE -> !probeSent;
            case REPLICATE -> inflight.size() < maxInflight;
            case SNAPSHOT -> false;
        };
    }

    void sentAppend(long lastIndex) {
        if (state == State.REPLICATE) {
            if (lastIndex >= next) {
                next = lastIndex + 1;
                inflight.addLast(lastIndex);
            }
        } else if (state == State.PROBE) {
            probeSent = true;
        }
    }

    @Override
    public String toString() {
        return state + " match=" + match + " next=" + next;
    }
}
