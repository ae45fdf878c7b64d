package org.distdata.cluster;

import java.util.List;
import java.util.Map;

/**
 * The cluster's health in one word for operators: OK when every partition has a leader and
 * all its replicas on live nodes; DEGRADED when every partition still has a leader and a
 * live majority of voters but some replica is missing or on a node that is not UP;
 * UNAVAILABLE when some partition has no leader or no live majority, so some data cannot be
 * written.
 */
public enum ClusterHealth {
    OK,
    DEGRADED,
    UNAVAILABLE;

    /**
     * Judges partitions against node states: a node missing from {@code states} counts as
     * not UP, and a partition with fewer than {@code replicationFactor} voters is DEGRADED.
     */
    public static ClusterHealth assess(List<PartitionStatus> partitions, Map<Long, NodeState> states,
                                       int replicationFactor) {
        ClusterHealth worst = OK;
        for (PartitionStatus p : partitions) {
            long voters = p.replicas().stream().filter(r -> r.role() == ReplicaRole.VOTER).count();
            long liveVoters = p.replicas().stream()
                    .filter(r -> r.role() == ReplicaRole.VOTER && states.get(r.node()) == NodeState.UP).count();
            if (p.leader().isEmpty() || liveVoters * 2 <= voters) {
                return UNAVAILABLE;
            }
            boolean allLive = p.replicas().stream().allMatch(r -> states.get(r.node()) == NodeState.UP);
            if (!allLive || voters < replicationFactor) {
                worst = DEGRADED;
            }
        }
        return worst;
    }
}
