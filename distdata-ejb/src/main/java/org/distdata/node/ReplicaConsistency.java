package org.distdata.node;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.distdata.cluster.ClusterConfig;
import org.distdata.cluster.ConsistencyCheck;
import org.distdata.cluster.ConsistencyReport;
import org.distdata.cluster.PartitionMap;
import org.distdata.partition.NotLeaderException;
import org.distdata.replication.GroupIds;
import org.distdata.replication.RaftGroups;
import org.distdata.replication.partition.ReplicaChecksums;
import org.distdata.transport.net.NodeTransport;

/**
 * The consistency check of a replicated cluster: for each partition its leader appends a
 * checksum entry, then every replica reports its checksum of every table's rows at that
 * entry's index. Replicas that agree are consistent; a replica that differs, stopped
 * applying, or does not answer is reported with what it said.
 */
final class ReplicaConsistency implements ConsistencyCheck {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ClusterConfig cluster;
    private final PartitionMap map;
    private final RaftGroups groups;
    private final ReplicaChecksums checksums;
    private final NodeTransport transport;
    private final SecureRandom random = new SecureRandom();

    ReplicaConsistency(ClusterConfig cluster, PartitionMap map, RaftGroups groups, ReplicaChecksums checksums,
                       NodeTransport transport) {
        this.cluster = cluster;
        this.map = map;
        this.groups = groups;
        this.checksums = checksums;
        this.transport = transport;
    }

    @Override
    public ConsistencyReport run() {
        List<ConsistencyReport.PartitionCheck> out = new ArrayList<>();
        for (int p = 0; p < map.partitions(); p++) {
            out.add(check(p));
        }
        return new ConsistencyReport(out);
    }

    /** Checks one partition, asking again while its leader is busy with open transactions. */
    private ConsistencyReport.PartitionCheck check(int partition) {
        ConsistencyReport.PartitionCheck result = checkOnce(partition);
        for (int attempt = 1; attempt < 20 && busy(result); attempt++) {
            try {
                Thread.sleep(Math.min(1_000, 50L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            result = checkOnce(partition);
        }
        return result;
    }

    private static boolean busy(ConsistencyReport.PartitionCheck check) {
        return check.replicas().stream().anyMatch(r -> r.error().map(e -> e.contains("busy:")).orElse(false));
    }

    private ConsistencyReport.PartitionCheck checkOnce(int partition) {
        long checkId = random.nextLong() & Long.MAX_VALUE;
        List<Long> replicas = map.replicas(partition);
        List<Long> order = new ArrayList<>();
        long known = groups.leader(GroupIds.ofPartition(partition));
        if (known > 0) {
            order.add(known);
        }
        replicas.stream().filter(n -> n != known).forEach(order::add);
        ReplicaChecksums.Answer first = null;
        long firstNode = 0;
        String leaderErrors = "";
        for (long node : order) {
            ReplicaChecksums.Answer a = ask(node, partition, checkId, -1);
            if (a.checksum() != null) {
                first = a;
                firstNode = node;
                break;
            }
            leaderErrors += "node " + node + ": " + a.error() + "; ";
        }
        if (first == null) {
            List<ConsistencyReport.ReplicaChecksum> failed = new ArrayList<>();
            for (long node : replicas) {
                failed.add(ConsistencyReport.ReplicaChecksum.failed(node, "no leader appended the checksum entry ("
                        + leaderErrors.strip() + ")"));
            }
            return new ConsistencyReport.PartitionCheck(partition, -1, failed);
        }
        long index = first.checksum().index();
        List<ConsistencyReport.ReplicaChecksum> answers = new ArrayList<>();
        for (long node : replicas) {
            ReplicaChecksums.Answer a = node == firstNode ? first : ask(node, partition, checkId, index);
            answers.add(a.checksum() == null ? ConsistencyReport.ReplicaChecksum.failed(node, a.error())
                    : ConsistencyReport.ReplicaChecksum.of(node, String.format(Locale.ROOT, "%016x/%d rows",
                    a.checksum().checksum(), a.checksum().rows())));
        }
        return new ConsistencyReport.PartitionCheck(partition, index, answers);
    }

    private ReplicaChecksums.Answer ask(long node, int partition, long checkId, long index) {
        if (node == cluster.self().id()) {
            try {
                return checksums.local(partition, checkId, index, WAIT);
            } catch (NotLeaderException e) {
                return new ReplicaChecksums.Answer(null, e.getMessage());
            }
        }
        String name = cluster.members().byId(node).map(m -> m.name()).orElse("n" + node);
        return ReplicaChecksums.remote(transport, name, partition, checkId, index, WAIT);
    }
}
