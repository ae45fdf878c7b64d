package org.distdata.replication;

import org.distdata.raft.HardState;
import org.distdata.raft.Membership;
import org.distdata.raft.RaftOptions;
import org.distdata.raft.RaftReplica;

/**
 * Builds the replica of a group that this node hosted before, from what the write-ahead log
 * kept and how far the state machine durably applied. Entries up to the applied index were
 * committed once, so the commit index starts there and they are not applied again. A group
 * whose log was compacted restarts from the snapshot mark without the snapshot's bytes: the
 * host fetches them from the state machine only when a follower needs them.
 */
final class GroupRestart {

    private GroupRestart() {
    }

    static RaftReplica replica(long group, RaftOptions options, Membership bootstrap, RaftWal.PersistedGroup persisted,
                               long applied) {
        if (persisted.snapshot() != null && applied < persisted.snapshot().index()) {
            // The log before the mark is gone, so these entries exist nowhere on this node.
            throw new IllegalStateException("group " + group + ": the state machine applied up to " + applied
                    + " but the log was compacted to " + persisted.snapshot().index()
                    + "; it lost state it had declared durable");
        }
        HardState h = persisted.hardState();
        HardState hardState = new HardState(h.term(), h.vote(), Math.max(h.commit(), applied));
        return new RaftReplica(options, bootstrap, hardState, persisted.snapshot(), null, persisted.entries(), applied);
    }
}
