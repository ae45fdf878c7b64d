package org.distdata.replication.partition;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.distdata.partition.LocalPartitionExecutor;
import org.distdata.partition.PartitionService;
import org.distdata.partition.RowCursor;
import org.distdata.replication.GroupIds;
import org.distdata.storage.PartitionSet;

/**
 * N nodes' partition replicas (real Derby stores on disk, real state machines and leader
 * services) over a {@link SharedLog}; a gateway on any node reaches the leader's service
 * directly, as if the transport were instant.
 */
final class ReplicaSet implements AutoCloseable {

    final int partitions;
    final SharedLog log = new SharedLog();
    private final Path root;
    private final Map<Long, PartitionSet> stores = new TreeMap<>();
    private final Map<Long, PartitionStateMachine> machines = new TreeMap<>();
    private final Map<Long, LeaderPartitionService> services = new TreeMap<>();
    private long checkIds;

    ReplicaSet(Path root, int nodes, int partitions) {
        this.root = root;
        this.partitions = partitions;
        for (long id = 1; id <= nodes; id++) {
            start(id);
        }
        log.elect(1, groups());
    }

    long[] groups() {
        long[] g = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            g[p] = GroupIds.ofPartition(p);
        }
        return g;
    }

    void start(long id) {
        PartitionSet set = PartitionSet.open(root.resolve("n" + id), partitions);
        PartitionStateMachine machine = new PartitionStateMachine(set, root.resolve("n" + id + "-snapshots"), r -> {
            Thread t = new Thread(r, "apply-n" + id);
            t.setDaemon(true);
            return t;
        });
        for (int p = 0; p < partitions; p++) {
            machine.host(p);
        }
        stores.put(id, set);
        machines.put(id, machine);
        services.put(id, new LeaderPartitionService(log.viewOf(id), machine, Clock.systemUTC()));
        log.join(id, machine);
    }

    void stop(long id) {
        log.leave(id);
        services.remove(id);
        machines.remove(id).close();
        stores.remove(id).close();
    }

    PartitionStateMachine machine(long id) {
        return machines.get(id);
    }

    PartitionSet stores(long id) {
        return stores.get(id);
    }

    /** A gateway on node {@code id}. */
    ReplicatedPartitionExecutor gateway(long id) {
        List<Long> all = new ArrayList<>(machines.keySet());
        LeaderDirectory directory = new LeaderDirectory(log.viewOf(id), p -> all);
        return new ReplicatedPartitionExecutor(partitions, "n" + id, new org.distdata.clock.HybridClock(), directory, services::get, node -> true,
                new LocalPartitionExecutor(stores.get(id)), Duration.ofSeconds(2), Runnable::run);
    }

    LeaderPartitionService service(long id) {
        return services.get(id);
    }

    /** Waits until every node applied every entry of every group. */
    void awaitQuiet() throws InterruptedException {
        for (int p = 0; p < partitions; p++) {
            long last = log.log(GroupIds.ofPartition(p)).size();
            for (PartitionStateMachine m : machines.values()) {
                if (!m.awaitApplied(p, last, Duration.ofSeconds(10))) {
                    throw new AssertionError("partition " + p + " not applied to " + last + " on a replica: "
                            + m.divergence(p).orElse("no divergence reported"));
                }
            }
        }
    }

    /** Each node's checksum of {@code partition}, all taken at the same log index. */
    Map<Long, PartitionChecksum> checksums(int partition) throws InterruptedException {
        long id = ++checkIds;
        long leader = log.viewOf(1).leader(0);
        long index = log.viewOf(leader).propose(GroupIds.ofPartition(partition),
                PartitionCommandCodec.encode(new PartitionCommand.Checksum(id))).join();
        Map<Long, PartitionChecksum> out = new TreeMap<>();
        for (Map.Entry<Long, PartitionStateMachine> m : machines.entrySet()) {
            m.getValue().awaitApplied(partition, index, Duration.ofSeconds(10));
            out.put(m.getKey(), m.getValue().checksum(partition, id).orElse(null));
        }
        return out;
    }

    /** Rows of a query on node {@code id}'s own replica, bypassing the leader. */
    List<List<Object>> localRows(long id, int partition, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (RowCursor c = new LocalPartitionExecutor(stores.get(id)).query(partition, sql, List.of())) {
            while (c.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < c.columns().size(); i++) {
                    row.add(c.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public void close() {
        for (long id : List.copyOf(machines.keySet())) {
            stop(id);
        }
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
