package org.distdata.raft;

/**
 * What a replica must have on disk before it sends any message that depends on it: its
 * current term, whom it voted for in that term ({@link RaftReplica#NONE} for nobody) and
 * the highest index it knows to be committed.
 */
public record HardState(long term, long vote, long commit) {

    public static final HardState EMPTY = new HardState(0, RaftReplica.NONE, 0);
}
