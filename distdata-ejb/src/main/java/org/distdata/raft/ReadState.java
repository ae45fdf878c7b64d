package org.distdata.raft;

/**
 * A linearizable read is allowed once the state machine has applied {@code index}: the
 * answer to a {@link RaftReplica#read} with that {@code requestId}.
 */
public record ReadState(long requestId, long index) {
}
