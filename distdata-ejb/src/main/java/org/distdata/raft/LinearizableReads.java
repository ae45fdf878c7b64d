package org.distdata.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A leader's bookkeeping for linearizable reads. A ReadIndex read records the commit index
 * when it arrives and waits until a quorum has answered a heartbeat round sent after it:
 * then no other leader can have committed anything newer. A lease read skips the round
 * while the last round a quorum answered is recent enough (see {@link RaftOptions}).
 * Reads that arrive before the leader has committed an entry of its own term wait for it,
 * because only then is its commit index the cluster's.
 */
final class LinearizableReads {

    record Pending(long requestId, ReadMode mode, long index, long round) {
    }

    private final List<Pending> beforeTermCommit = new ArrayList<>();
    private final List<Pending> unsent = new ArrayList<>();
    private final ArrayDeque<Pending> awaitingQuorum = new ArrayDeque<>();
    private final List<ReadState> released = new ArrayList<>();
    private final TreeMap<Long, Long> roundSentAt = new TreeMap<>();
    private long round;
    private long termStartRound;
    private boolean leaseForfeited;

    /** Forgets every pending read: leadership was won or lost. */
    void reset() {
        beforeTermCommit.clear();
        unsent.clear();
        awaitingQuorum.clear();
        roundSentAt.clear();
        termStartRound = round;
        leaseForfeited = false;
    }

    /** Leadership transfer started: another replica may become leader before this one knows. */
    void forfeitLease() {
        leaseForfeited = true;
    }

    long round() {
        return round;
    }

    long startRound(long tick) {
        round++;
        roundSentAt.put(round, tick);
        while (roundSentAt.size() > 1024) {
            roundSentAt.pollFirstEntry();
        }
        return round;
    }

    void waitForTermCommit(long requestId, ReadMode mode) {
        beforeTermCommit.add(new Pending(requestId, mode, 0, 0));
    }

    /** The reads that waited for the leader's first commit in its term; they start now. */
    List<Pending> takeWaitingForTermCommit() {
        List<Pending> out = new ArrayList<>(beforeTermCommit);
        beforeTermCommit.clear();
        return out;
    }

    void release(long requestId, long index) {
        released.add(new ReadState(requestId, index));
    }

    /** A ReadIndex read at commit index {@code index}, to be confirmed by the next round. */
    void awaitNextRound(long requestId, long index) {
        unsent.add(new Pending(requestId, ReadMode.READ_INDEX, index, 0));
    }

    boolean hasUnsent() {
        return !unsent.isEmpty();
    }

    /** The next round was just started: the unsent reads wait for a quorum to answer it. */
    void assignUnsentTo(long sentRound) {
        for (Pending p : unsent) {
            awaitingQuorum.addLast(new Pending(p.requestId(), p.mode(), p.index(), sentRound));
        }
        unsent.clear();
    }

    /** A quorum has answered every round up to {@code quorumRound}: release what waited for it. */
    void quorumReached(long quorumRound) {
        while (!awaitingQuorum.isEmpty() && awaitingQuorum.peekFirst().round() <= quorumRound) {
            Pending p = awaitingQuorum.pollFirst();
            released.add(new ReadState(p.requestId(), p.index()));
        }
    }

    /**
     * Whether a lease from round {@code quorumRound} (answered by a quorum) still holds at
     * local tick {@code now}.
     */
    boolean leaseHolds(long quorumRound, long now, int leaseTicks) {
        if (leaseForfeited || quorumRound <= termStartRound) {
            return false;
        }
        Long sentAt = roundSentAt.get(quorumRound);
        return sentAt != null && now < sentAt + leaseTicks;
    }

    List<ReadState> takeReleased() {
        if (released.isEmpty()) {
            return List.of();
        }
        List<ReadState> out = new ArrayList<>(released);
        released.clear();
        return out;
    }

    boolean hasReleased() {
        return !released.isEmpty();
    }
}
