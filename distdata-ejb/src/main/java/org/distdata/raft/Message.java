package org.distdata.raft;

import java.util.List;

/**
 * The messages replicas of one group exchange. Every message names its sender, its
 * receiver and the sender's term; the transport adds the group id (see {@link GroupMessage}).
 * The set is closed so the codec and the simulation can be exhaustive.
 */
public sealed interface Message {

    long from();

    long to();

    long term();

    /**
     * Asks for a vote. With {@code preVote} it only asks whether the receiver would vote
     * (the term is the one the sender would campaign in; nobody changes term). With
     * {@code transfer} the receiver votes even while it still hears from a leader, because
     * that leader asked for the election.
     */
    record VoteRequest(long from, long to, long term, long lastIndex, long lastTerm, boolean preVote,
                       boolean transfer) implements Message {
    }

    record VoteResponse(long from, long to, long term, boolean preVote, boolean granted) implements Message {
    }

    /**
     * Replicates {@code entries} after the entry at {@code prevIndex} with term
     * {@code prevTerm}, and tells the follower the leader's commit index.
     */
    record AppendRequest(long from, long to, long term, long prevIndex, long prevTerm, List<Entry> entries,
                         long commit) implements Message {
        public AppendRequest {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Success: the follower's log matches the leader's up to {@code index}. Failure: the
     * entry at {@code index} did not match; {@code hintIndex}/{@code hintTerm} name the
     * follower's last entry at or below it whose term is at most the rejected term, so the
     * leader can skip a whole conflicting term in one round trip.
     */
    record AppendResponse(long from, long to, long term, boolean success, long index, long hintIndex,
                          long hintTerm) implements Message {
    }

    /**
     * Keeps followers from campaigning and carries the commit index the follower can safely
     * use. {@code round} numbers the leader's heartbeat rounds: ReadIndex and the leader
     * lease count the responses to a round.
     */
    record Heartbeat(long from, long to, long term, long commit, long round) implements Message {
    }

    record HeartbeatResponse(long from, long to, long term, long round) implements Message {
    }

    /** One chunk of a snapshot sent to a follower whose next entry was compacted away. */
    record SnapshotChunk(long from, long to, long term, SnapshotMeta meta, long offset, byte[] data,
                         boolean last) implements Message {
    }

    /**
     * {@code done}: the follower now holds everything up to {@code index}. Otherwise it
     * expects the chunk at {@code nextOffset} of the snapshot at {@code index}.
     */
    record SnapshotResponse(long from, long to, long term, long index, long nextOffset, boolean done)
            implements Message {
    }

    /** Tells the transfer target to campaign at once: the leader hands leadership to it. */
    record TimeoutNow(long from, long to, long term) implements Message {
    }
}
