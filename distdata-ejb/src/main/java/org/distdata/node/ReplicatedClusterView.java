package org.distdata.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.distdata.cluster.ClusterHealth;
import org.distdata.cluster.ClusterMember;
import org.distdata.cluster.ClusterNode;
import org.distdata.cluster.ClusterView;
import org.distdata.cluster.ConsistencyCheck;
import org.distdata.cluster.FailureDetector;
import org.distdata.cluster.NodeLoad;
import org.distdata.cluster.NodeRole;
import org.distdata.cluster.NodeState;
import org.distdata.cluster.PartitionStatus;
import org.distdata.cluster.ReplicaRole;
import org.distdata.cluster.ReplicaStatus;
import org.distdata.replication.GroupIds;
import org.distdata.replication.GroupStatus;

/**
 * The cluster as this node of a replicated cluster sees it: members with the states its
 * failure detector derives from their heartbeats, partitions with the leader, term and
 * commit index its own replica knows (match indexes where it leads), replica and leader
 * counts, and the consistency check over every replica.
 */
public final class ReplicatedClusterView implements ClusterView {

    private final NodeReplication replication;
    private final String clusterId;
    private final ConsistencyCheck check;

    ReplicatedClusterView(NodeReplication replication, String clusterId, ConsistencyCheck check) {
        this.replication = replication;
        this.clusterId = clusterId;
        this.check = check;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public int partitions() {
        return replication.partitionMap().partitions();
    }

    @Override
    public int replicationFactor() {
        return replication.cluster().replicationFactor();
    }

    @Override
    public OptionalLong metaLeader() {
        long leader = replication.host().leader(GroupIds.META);
        return leader > 0 ? OptionalLong.of(leader) : OptionalLong.empty();
    }

    @Override
    public List<ClusterNode> nodes() {
        long now = System.currentTimeMillis();
        Map<Long, Integer> leaders = new TreeMap<>();
        for (PartitionStatus p : partitionStatus()) {
            p.leader().ifPresent(l -> leaders.merge(l, 1, Integer::sum));
        }
        FailureDetector detector = replication.failureDetector();
        List<ClusterNode> out = new ArrayList<>();
        for (ClusterMember m : replication.cluster().members().members()) {
            var liveness = detector.liveness(m.id(), now);
            NodeState state = liveness.map(FailureDetector.Liveness::state).orElse(NodeState.JOINING);
            Instant since = Instant.ofEpochMilli(liveness.map(FailureDetector.Liveness::sinceMillis).orElse(now));
            Optional<Instant> last = liveness.flatMap(l -> l.lastHeartbeatMillis().isPresent()
                    ? Optional.of(Instant.ofEpochMilli(l.lastHeartbeatMillis().getAsLong())) : Optional.empty());
            NodeLoad load = liveness.map(FailureDetector.Liveness::load).orElse(NodeLoad.UNKNOWN);
            Optional<String> api = m.id() == replication.cluster().self().id() ? replication.cluster().apiUrl()
                    : Optional.empty();
            out.add(new ClusterNode(m.id(), m.name(), m.rpcAddress(), api, EnumSet.of(NodeRole.COORDINATOR,
                    NodeRole.DATA), state, since, last, load, replication.partitionMap().replicaCount(m.id()),
                    leaders.getOrDefault(m.id(), 0)));
        }
        return out;
    }

    @Override
    public List<PartitionStatus> partitionStatus() {
        List<PartitionStatus> out = new ArrayList<>();
        for (int p = 0; p < partitions(); p++) {
            GroupStatus status = replication.host().status(GroupIds.ofPartition(p));
            List<ReplicaStatus> replicas = new ArrayList<>();
            for (long node : replication.partitionMap().replicas(p)) {
                Long match = status == null || status.matchIndex() == null ? null : status.matchIndex().get(node);
                replicas.add(new ReplicaStatus(node, ReplicaRole.VOTER, match == null ? -1 : match));
            }
            long leader = status == null ? 0 : status.leader();
            out.add(new PartitionStatus(p, leader > 0 ? OptionalLong.of(leader) : OptionalLong.empty(), replicas,
                    status == null ? -1 : status.term(), status == null ? -1 : status.commitIndex(),
                    replication.partitions().rows(p), replication.partitions().bytes(p)));
        }
        return out;
    }

    @Override
    public ClusterHealth health() {
        long now = System.currentTimeMillis();
        Map<Long, NodeState> states = new TreeMap<>();
        for (ClusterMember m : replication.cluster().members().members()) {
            states.put(m.id(), replication.failureDetector().state(m.id(), now));
        }
        return ClusterHealth.assess(partitionStatus(), states, replicationFactor());
    }

    @Override
    public ConsistencyCheck consistencyCheck() {
        return check;
    }
}
