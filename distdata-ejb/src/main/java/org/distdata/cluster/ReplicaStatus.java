package org.distdata.cluster;

import java.util.Objects;

/**
 * One replica of a partition as its leader sees it: the node holding it, its role, and the
 * highest log index the leader knows it has ({@code matchIndex}; -1 when unknown, as with
 * no Raft group at all).
 */
public record ReplicaStatus(long node, ReplicaRole role, long matchIndex) {
    public ReplicaStatus {
        Objects.requireNonNull(role, "role");
    }
}
