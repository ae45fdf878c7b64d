package org.distdata.meta;

import java.util.concurrent.CompletableFuture;

/**
 * The Raft host's proposal entry point as the meta log sees it: appends {@code command} to
 * {@code group}'s log and completes with its log index once it is committed and handed to
 * the state machine, or exceptionally when the group refused it (not the leader, no quorum).
 */
@FunctionalInterface
public interface Proposer {

    CompletableFuture<Long> propose(long group, byte[] command);

    /**
     * The commit index of {@code group} as its leader confirms it now (a linearizable read
     * index); completes with -1 when the proposer cannot tell.
     */
    default CompletableFuture<Long> readIndex(long group) {
        return CompletableFuture.completedFuture(-1L);
    }
}
