package org.distdata.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which nodes hold the replicas of each of the cluster's P partitions, and which replica
 * should lead each partition's Raft group. {@link #initial} lays out a new cluster
 * deterministically: replicas spread evenly (no node holds more than one replica above
 * another) and preferred leaders spread evenly too (16 partitions on 3 nodes lead 6/5/5).
 * Immutable: the with-methods return a changed copy, for the moves of the placement loop.
 */
public final class PartitionMap {
    private final List<PartitionPlacement> placements;

    private PartitionMap(List<PartitionPlacement> placements) {
        this.placements = List.copyOf(placements);
    }

    /** A map from explicit placements, one per partition, numbered 0..P-1 in order (as the meta group stores them). */
    public static PartitionMap of(List<PartitionPlacement> placements) {
        if (placements.isEmpty()) {
            throw new IllegalArgumentException("a partition map needs at least one partition");
        }
        for (int p = 0; p < placements.size(); p++) {
            if (placements.get(p).partition() != p) {
                throw new IllegalArgumentException("placement " + p + " is for partition "
                        + placements.get(p).partition() + "; partitions must be numbered 0.." + (placements.size() - 1));
            }
        }
        return new PartitionMap(placements);
    }

    /**
     * The layout of a new cluster: {@code partitions} partitions with {@code replicationFactor}
     * replicas each on distinct nodes among {@code nodeIds}. The result depends only on the
     * set of ids, not on their order. Fails with a clear message when the replication factor
     * exceeds the node count.
     */
    public static PartitionMap initial(int partitions, int replicationFactor, Collection<Long> nodeIds) {
        if (partitions < 1) {
            throw new IllegalArgumentException("the cluster needs at least one partition, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("the replication factor must be at least 1, got " + replicationFactor);
        }
        if (nodeIds.isEmpty()) {
            throw new IllegalArgumentException("a partition map needs at least one node");
        }
        TreeSet<Long> distinct = new TreeSet<>(nodeIds);
        if (distinct.size() != nodeIds.size()) {
            throw new IllegalArgumentException("node ids must be distinct: " + nodeIds);
        }
        if (replicationFactor > distinct.size()) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " needs at least "
                    + replicationFactor + " nodes, but the cluster has " + distinct.size()
                    + " (add nodes or lower distdata.replication.factor)");
        }
        List<Long> nodes = new ArrayList<>(distinct);
        int n = nodes.size();
        // Replica slots are dealt round robin: slot s = p*RF + j goes to node s mod N. Every
        // node gets floor or ceil of P*RF/N slots, and a partition's RF consecutive slots land
        // on RF distinct nodes because RF <= N.
        List<List<Long>> replicas = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            List<Long> r = new ArrayList<>(replicationFactor);
            for (int j = 0; j < replicationFactor; j++) {
                r.add(nodes.get((int) (((long) p * replicationFactor + j) % n)));
            }
            replicas.add(r);
        }
        long[] leaders = LeaderBalance.assign(replicas, nodes);
        List<PartitionPlacement> placements = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            placements.add(new PartitionPlacement(p, replicas.get(p), leaders[p]));
        }
        return new PartitionMap(placements);
    }

    public int partitions() {
        return placements.size();
    }

    public List<PartitionPlacement> placements() {
        return placements;
    }

    public PartitionPlacement placement(int partition) {
        checkPartition(partition);
        return placements.get(partition);
    }

    public List<Long> replicas(int partition) {
        return placement(partition).replicas();
    }

    public long preferredLeader(int partition) {
        return placement(partition).preferredLeader();
    }

    /** The partitions with a replica on {@code node}, ascending. */
    public List<Integer> partitionsOn(long node) {
        return placements.stream().filter(p -> p.isOn(node)).map(PartitionPlacement::partition).toList();
    }

    public int replicaCount(long node) {
        return (int) placements.stream().filter(p -> p.isOn(node)).count();
    }

    public int leaderCount(long node) {
        return (int) placements.stream().filter(p -> p.preferredLeader() == node).count();
    }

    /** Replicas held per node, for every node that holds one, by ascending id. */
    public Map<Long, Integer> replicaCounts() {
        Map<Long, Integer> counts = new TreeMap<>();
        placements.forEach(p -> p.replicas().forEach(node -> counts.merge(node, 1, Integer::sum)));
        return counts;
    }

    /** Preferred leaderships per node, for every node that has one, by ascending id. */
    public Map<Long, Integer> leaderCounts() {
        Map<Long, Integer> counts = new TreeMap<>();
        placements.forEach(p -> counts.merge(p.preferredLeader(), 1, Integer::sum));
        return counts;
    }

    /** A copy where {@code partition} has the given replicas and preferred leader. */
    public PartitionMap withReplicas(int partition, List<Long> replicas, long preferredLeader) {
        return with(new PartitionPlacement(partition, replicas, preferredLeader));
    }

    /** A copy where {@code leader}, which must hold a replica of it, should lead {@code partition}. */
    public PartitionMap withPreferredLeader(int partition, long leader) {
        return with(new PartitionPlacement(partition, replicas(partition), leader));
    }

    /**
     * A copy where the replica of {@code partition} on {@code from} is on {@code to} instead,
     * in the same position; if {@code from} was the preferred leader, {@code to} becomes it.
     */
    public PartitionMap withReplicaMoved(int partition, long from, long to) {
        PartitionPlacement old = placement(partition);
        int at = old.replicas().indexOf(from);
        if (at < 0) {
            throw new IllegalArgumentException("partition " + partition + " has no replica on node " + from);
        }
        List<Long> moved = new ArrayList<>(old.replicas());
        moved.set(at, to);
        return with(new PartitionPlacement(partition, moved, old.preferredLeader() == from ? to : old.preferredLeader()));
    }

    private PartitionMap with(PartitionPlacement placement) {
        checkPartition(placement.partition());
        List<PartitionPlacement> copy = new ArrayList<>(placements);
        copy.set(placement.partition(), placement);
        return new PartitionMap(copy);
    }

    private void checkPartition(int partition) {
        if (partition < 0 || partition >= placements.size()) {
            throw new IllegalArgumentException("no partition " + partition + " (partitions are 0.."
                    + (placements.size() - 1) + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionMap other && placements.equals(other.placements);
    }

    @Override
    public int hashCode() {
        return placements.hashCode();
    }

    @Override
    public String toString() {
        return "PartitionMap" + placements;
    }

    /**
     * Chooses one leader per partition among its replicas so that leaderships per node differ
     * by at most one whenever the replica layout allows it.
     */
    static final class LeaderBalance {
        private LeaderBalance() {
        }

        static long[] assign(List<List<Long>> replicas, List<Long> nodes) {
            Map<Long, Integer> count = new HashMap<>();
            nodes.forEach(node -> count.put(node, 0));
            long[] leader = new long[replicas.size()];
            // Greedy first: the replica leading fewest so far (ties: earliest in the replica
            // list). This already balances the usual layouts; the repair below covers the rest.
            for (int p = 0; p < replicas.size(); p++) {
                long best = replicas.get(p).get(0);
                for (long candidate : replicas.get(p)) {
                    if (count.get(candidate) < count.get(best)) {
                        best = candidate;
                    }
                }
                leader[p] = best;
                count.merge(best, 1, Integer::sum);
            }
            while (shiftAlongPath(replicas, nodes, leader, count)) {
                // Each shift lowers the sum of squared counts, so this ends.
            }
            return leader;
        }

        /**
         * Finds a chain of leadership moves from a node with c leaderships to one with at most
         * c-2 (node A leads p, p has a replica on B, B leads q, ...) and applies it: the ends
         * change by one, every node in between keeps its count. False when no chain exists.
         */
        private static boolean shiftAlongPath(List<List<Long>> replicas, List<Long> nodes, long[] leader,
                                              Map<Long, Integer> count) {
            List<Long> byLoad = new ArrayList<>(nodes);
            byLoad.sort((a, b) -> count.get(b) - count.get(a) != 0 ? count.get(b) - count.get(a) : Long.compare(a, b));
            for (long source : byLoad) {
                Map<Long, Integer> reachedVia = new HashMap<>(); // node -> partition whose leadership moves to it
                Deque<Long> queue = new ArrayDeque<>(List.of(source));
                reachedVia.put(source, -1);
                while (!queue.isEmpty()) {
                    long at = queue.removeFirst();
                    for (int p = 0; p < replicas.size(); p++) {
                        if (leader[p] != at) {
                            continue;
                        }
                        for (long next : replicas.get(p)) {
                            if (reachedVia.containsKey(next)) {
                                continue;
                            }
                            reachedVia.put(next, p);
                            if (count.get(next) <= count.get(source) - 2) {
                                move(next, reachedVia, leader, count, source);
                                return true;
                            }
                            queue.addLast(next);
                        }
                    }
                }
            }
            return false;
        }

        private static void move(long target, Map<Long, Integer> reachedVia, long[] leader, Map<Long, Integer> count,
                                 long source) {
            long node = target;
            while (node != source) {
                int p = reachedVia.get(node);
                long previous = leader[p];
                leader[p] = node;
                node = previous;
            }
            count.merge(source, -1, Integer::sum);
            count.merge(target, 1, Integer::sum);
        }
    }
}
