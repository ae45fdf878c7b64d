package org.distdata.cluster;

import java.util.HashSet;
import java.util.List;

/**
 * Where one partition lives: the nodes holding its replicas (distinct, in placement order)
 * and the node that should lead its Raft group when it can (the placement loop transfers
 * leadership there). The preferred leader is always one of the replicas.
 */
public record PartitionPlacement(int partition, List<Long> replicas, long preferredLeader) {

    public PartitionPlacement {
        replicas = List.copyOf(replicas);
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, got " + partition);
        }
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("partition " + partition + " needs at least one replica");
        }
        if (new HashSet<>(replicas).size() != replicas.size()) {
            throw new IllegalArgumentException("partition " + partition + " has two replicas on one node: " + replicas);
        }
        if (!replicas.contains(preferredLeader)) {
            throw new IllegalArgumentException("partition " + partition + ": preferred leader " + preferredLeader
                    + " is not one of its replicas " + replicas);
        }
    }

    public boolean isOn(long node) {
        return replicas.contains(node);
    }
}
