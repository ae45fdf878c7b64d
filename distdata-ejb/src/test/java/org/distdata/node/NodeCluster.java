package org.distdata.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.distdata.cluster.ClusterConfig;
import org.distdata.cluster.ClusterMember;
import org.distdata.cluster.ClusterMembers;
import org.distdata.cluster.ConsistencyReport;
import java.util.concurrent.ThreadFactory;
import org.distdata.relation.SqlResult;
import org.distdata.replication.GroupIds;
import org.distdata.sql.SqlStatement;
import org.distdata.transport.fault.FaultInjector;
import org.distdata.transport.net.TransportConfig;
import org.distdata.transport.tls.ClusterCertificates;

/**
 * Several real {@link Node}s in one JVM (in the way of Ratis's MiniRaftCluster): each with
 * its own data directory, write-ahead log, Derby partitions and node transport with mutual
 * TLS on loopback, and the transport's fault injection switched on so that a test can cut
 * nodes off. Nodes are n1..nN with ids 1..N; stop and start keep a node's data.
 */
public final class NodeCluster implements AutoCloseable {

    static final String ADMIN_PASSWORD = "cluster-admin-pw-1";

    private final Path root;
    private final int partitions;
    private final ClusterMembers members;
    private final int replicationFactor;
    private final Map<Long, Node> nodes = new TreeMap<>();

    private NodeCluster(Path root, int size, int partitions, int replicationFactor) {
        this.root = root;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        List<ClusterMember> list = new ArrayList<>();
        for (long id = 1; id <= size; id++) {
            list.add(new ClusterMember(id, "n" + id, "127.0.0.1", freePort()));
        }
        this.members = ClusterMembers.of(list);
        ClusterCertificates.in(root.resolve("tls")).ensureAuthority("test-cluster");
    }

    /** Starts {@code size} nodes with {@code partitions} partitions at replication factor min(3, size). */
    public static NodeCluster start(Path root, int size, int partitions) {
        NodeCluster cluster = new NodeCluster(root, size, partitions, Math.min(3, size));
        List<Thread> starting = new ArrayList<>();
        for (ClusterMember m : cluster.members.members()) {
            Thread t = new Thread(() -> cluster.start(m.id()), "start-" + m.name());
            t.start();
            starting.add(t);
        }
        for (Thread t : starting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return cluster;
    }

    void start(long id) {
        ClusterMember self = members.byId(id).orElseThrow();
        ClusterCertificates certificates = ClusterCertificates.in(root.resolve("tls"));
        certificates.ensureNode(self.name());
        TransportConfig transport = TransportConfig.builder(self.name())
                .bindHost("127.0.0.1")
                .port(self.rpcPort())
                .tls(certificates.nodeFiles(self.name()))
                .faultInjection(true)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(10))
                .reconnectDelays(Duration.ofMillis(20), Duration.ofMillis(300))
                .shutdown(Duration.ofMillis(10), Duration.ofSeconds(2))
                .build();
        ClusterConfig cluster = new ClusterConfig(self, members, replicationFactor, Optional.of(apiUrl(id)),
                Duration.ofSeconds(1), Duration.ofSeconds(3));
        NodeConfig config = new NodeConfig(self.name(), root.resolve(self.name()), partitions,
                Optional.of(ADMIN_PASSWORD), Duration.ofHours(1),
                Optional.of(ReplicationSettings.of(cluster, transport).withLeaderWait(Duration.ofSeconds(5))));
        Node node = Node.open(config, threads(self.name()));
        synchronized (nodes) {
            nodes.put(id, node);
        }
    }

    /** The base URL node {@code id} announces for its API (nothing listens there in-process). */
    static String apiUrl(long id) {
        return "https://127.0.0.1:" + (18000 + id);
    }

    /** Stops node {@code id} (its data stays); the others carry on. */
    void stop(long id) {
        Node node;
        synchronized (nodes) {
            node = nodes.remove(id);
        }
        if (node != null) {
            node.close();
        }
    }

    /** A request sent to a stopped node: it never reached the cluster. */
    static final class NodeDownException extends IllegalStateException {
        NodeDownException(long id) {
            super("node " + id + " is not running");
        }
    }

    public Node node(long id) {
        synchronized (nodes) {
            Node n = nodes.get(id);
            if (n == null) {
                throw new NodeDownException(id);
            }
            return n;
        }
    }

    public List<Long> running() {
        synchronized (nodes) {
            return List.copyOf(nodes.keySet());
        }
    }

    public SqlResult sql(long via, String sql, Object... params) {
        return node(via).sql().execute(new SqlStatement(sql, Arrays.asList(params)));
    }

    /** A statement with a client time limit ({@code timeoutMs} in the API). */
    SqlResult sqlWithin(Duration limit, long via, String sql, Object... params) {
        return node(via).sql().execute(new SqlStatement(sql, Arrays.asList(params), limit));
    }

    /** Cuts node {@code id} off from every other node, both ways. */
    void isolate(long id) {
        String name = "n" + id;
        for (long other : running()) {
            for (ClusterMember m : members.members()) {
                if (m.id() != id) {
                    injector(other).cut(name, m.name());
                }
            }
        }
    }

    void heal() {
        for (long id : running()) {
            injector(id).clear();
        }
    }

    private FaultInjector injector(long id) {
        return node(id).replication().orElseThrow().transport().faultInjector().orElseThrow();
    }

    /** The node that leads {@code partition}, as every running node agrees, waiting up to {@code timeout}. */
    long awaitLeader(int partition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long leader = 0;
            boolean agreed = true;
            for (long id : running()) {
                long l = node(id).replication().orElseThrow().host().leader(GroupIds.ofPartition(partition));
                leader = leader == 0 ? l : leader;
                agreed &= l != 0 && l == leader;
            }
            if (agreed && running().contains(leader)) {
                return leader;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no agreed leader of partition " + partition + " within " + timeout);
    }

    /** Waits until every partition and the meta group have a leader every running node knows. */
    public void awaitLeaders(Duration timeout) throws InterruptedException {
        for (int p = 0; p < partitions; p++) {
            awaitLeader(p, timeout);
        }
    }

    /** The node leading the most partitions right now. */
    long busiestLeader() throws InterruptedException {
        Map<Long, Integer> led = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            led.merge(awaitLeader(p, Duration.ofSeconds(20)), 1, Integer::sum);
        }
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    public ConsistencyReport check(long via) {
        return node(via).replicatedCluster().orElseThrow().consistencyCheck().run();
    }

    int partitions() {
        return partitions;
    }

    @Override
    public void close() {
        for (long id : running()) {
            stop(id);
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
