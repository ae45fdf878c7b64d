package org.distdata.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class ClusterHealthTest {

    private static PartitionStatus partition(OptionalLong leader, ReplicaStatus... replicas) {
        return new PartitionStatus(0, leader, List.of(replicas), 3, 10, 0, 0);
    }

    private static ReplicaStatus voter(long node) {
        return new ReplicaStatus(node, ReplicaRole.VOTER, 10);
    }

    private static final Map<Long, NodeState> ALL_UP = Map.of(1L, NodeState.UP, 2L, NodeState.UP, 3L, NodeState.UP);

    @Test
    void allReplicasLiveAndLedIsOk() {
        assertThat(ClusterHealth.assess(List.of(partition(OptionalLong.of(1), voter(1), voter(2), voter(3))), ALL_UP, 3))
                .isEqualTo(ClusterHealth.OK);
    }

    @Test
    void aReplicaOnASuspectNodeOrTooFewVotersIsDegraded() {
        Map<Long, NodeState> oneSuspect = Map.of(1L, NodeState.UP, 2L, NodeState.UP, 3L, NodeState.SUSPECT);

        assertThat(ClusterHealth.assess(List.of(partition(OptionalLong.of(1), voter(1), voter(2), voter(3))), oneSuspect, 3))
                .isEqualTo(ClusterHealth.DEGRADED);
        assertThat(ClusterHealth.assess(List.of(partition(OptionalLong.of(1), voter(1), voter(2))), ALL_UP, 3))
                .as("two voters where three are wanted").isEqualTo(ClusterHealth.DEGRADED);
        assertThat(ClusterHealth.assess(List.of(partition(OptionalLong.of(1), voter(1), voter(2), voter(3),
                        new ReplicaStatus(4, ReplicaRole.LEARNER, 0))), ALL_UP, 3))
                .as("a learner on a node not known to be UP").isEqualTo(ClusterHealth.DEGRADED);
    }

    @Test
    void noLeaderOrNoLiveMajorityIsUnavailable() {
        Map<Long, NodeState> twoDown = Map.of(1L, NodeState.UP, 2L, NodeState.DOWN, 3L, NodeState.DOWN);

        assertThat(ClusterHealth.assess(List.of(partition(OptionalLong.empty(), voter(1), voter(2), voter(3))), ALL_UP, 3))
                .isEqualTo(ClusterHealth.UNAVAILABLE);
        assertThat(ClusterHealth.assess(List.of(
                        partition(OptionalLong.of(1), voter(1), voter(2), voter(3)),
                        partition(OptionalLong.of(1), voter(1), voter(2), voter(3))), twoDown, 3))
                .isEqualTo(ClusterHealth.UNAVAILABLE);
    }
}
