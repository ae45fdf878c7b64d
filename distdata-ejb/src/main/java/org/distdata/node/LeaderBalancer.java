package org.distdata.node;

import org.distdata.cluster.FailureDetector;
import org.distdata.cluster.NodeState;
import org.distdata.cluster.PartitionMap;
import org.distdata.raft.Role;
import org.distdata.replication.GroupIds;
import org.distdata.replication.GroupStatus;
import org.distdata.replication.RaftHost;

/**
 * Keeps partition leaders spread as the partition map prefers: a node that leads a
 * partition whose preferred leader is another node that is UP and caught up hands the
 * leadership over, one partition per step, so that leadership never moves in a storm.
 * Elections pick leaders at random; without this, one node tends to lead most partitions.
 */
final class LeaderBalancer {

    private LeaderBalancer() {
    }

    /** Transfers at most one leadership from this node to its preferred leader. */
    static void step(PartitionMap map, RaftHost host, FailureDetector detector, long self) {
        long now = System.currentTimeMillis();
        for (int p : map.partitionsOn(self)) {
            long preferred = map.preferredLeader(p);
            if (preferred == self || detector.state(preferred, now) != NodeState.UP) {
                continue;
            }
            GroupStatus status = host.status(GroupIds.ofPartition(p));
            if (status == null || status.role() != Role.LEADER) {
                continue;
            }
            Long match = status.matchIndex().get(preferred);
            if (match != null && match >= status.commitIndex()) {
                host.transferLeadership(GroupIds.ofPartition(p), preferred);
                return;
            }
        }
    }
}
