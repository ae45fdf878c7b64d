package org.distdata.replication;

import org.distdata.raft.Entry;

/** What a Raft group replicates into: committed entries are applied in log order, once each. */
public interface StateMachine {

    /** Applies a committed command; the result goes back to the proposer on the leader. */
    Object apply(long group, Entry entry);
}
