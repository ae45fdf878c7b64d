package org.distdata.replication;

import java.util.concurrent.CompletableFuture;

import org.distdata.raft.ReadMode;

/**
 * What the replicated state machines need of the node's Raft host: proposing a command,
 * confirming a linearizable read, and the leader a group's local replica knows. The host
 * implements it; tests may fake it.
 */
public interface RaftGroups {

    /**
     * Proposes {@code command} to {@code group}; completes with the entry's index once it is
     * committed and handed to the state machine here, or fails with a
     * {@link org.distdata.raft.ProposalRejectedException} (not the leader, or overwritten).
     */
    CompletableFuture<Long> propose(long group, byte[] command);

    /** Completes with an index after whose local application a read is linearizable. */
    CompletableFuture<Long> read(long group, ReadMode mode);

    /** The leader of {@code group} as this node knows it, or 0. */
    long leader(long group);

    /** This node's id. */
    long self();
}
