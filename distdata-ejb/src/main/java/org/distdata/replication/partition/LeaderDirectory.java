package org.distdata.replication.partition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import org.distdata.replication.GroupIds;
import org.distdata.replication.RaftGroups;

/**
 * Where a gateway sends a partition's work: the leader its own replica knows, else the last
 * leader another node named (hints from NOT_LEADER answers), else the replicas in turn.
 */
public final class LeaderDirectory {

    private final RaftGroups groups;
    private final IntFunction<List<Long>> replicas;
    private final Map<Integer, Long> hints = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> probe = new ConcurrentHashMap<>();

    /** {@code replicas} gives the nodes holding a partition's replicas, this node's own included. */
    public LeaderDirectory(RaftGroups groups, IntFunction<List<Long>> replicas) {
        this.groups = groups;
        this.replicas = replicas;
    }

    /** The node to try for {@code partition} now; never 0 while the partition has replicas. */
    public long leaderOf(int partition) {
        long known = groups.leader(GroupIds.ofPartition(partition));
        if (known > 0) {
            return known;
        }
        Long hint = hints.get(partition);
        if (hint != null && hint > 0) {
            return hint;
        }
        List<Long> nodes = replicas.apply(partition);
        if (nodes.isEmpty()) {
            return 0;
        }
        return nodes.get(Math.floorMod(probe.merge(partition, 1, Integer::sum), nodes.size()));
    }

    /** Another node named the leader (or 0: it knows none); forget a stale guess either way. */
    public void hint(int partition, long leader) {
        if (leader > 0) {
            hints.put(partition, leader);
        } else {
            hints.remove(partition);
        }
    }

    /** {@code node} did not answer for {@code partition}: stop sending there until told again. */
    public void unreachable(int partition, long node) {
        hints.remove(partition, node);
        probe.merge(partition, 1, Integer::sum);
    }
}
