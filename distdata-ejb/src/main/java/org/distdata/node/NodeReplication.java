package org.distdata.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.distdata.cluster.ClusterConfig;
import org.distdata.cluster.ClusterMember;
import org.distdata.cluster.FailureDetector;
import org.distdata.cluster.PartitionMap;
import org.distdata.clock.HybridClock;
import org.distdata.partition.LocalPartitionExecutor;
import org.distdata.partition.PartitionService;
import org.distdata.partition.remote.PartitionServiceEndpoint;
import org.distdata.partition.remote.RemotePartitionService;
import org.distdata.raft.Membership;
import org.distdata.replication.GroupIds;
import org.distdata.replication.GroupStateMachines;
import org.distdata.replication.HostGroups;
import org.distdata.replication.NetworkPeerTransport;
import org.distdata.replication.RaftHost;
import org.distdata.replication.RaftHostOptions;
import org.distdata.replication.StateMachine;
import org.distdata.replication.partition.InDoubtResolver;
import org.distdata.replication.partition.LeaderDirectory;
import org.distdata.replication.partition.LeaderPartitionService;
import org.distdata.replication.partition.PartitionStateMachine;
import org.distdata.replication.partition.ReplicaChecksums;
import org.distdata.replication.partition.ReplicatedPartitionExecutor;
import org.distdata.storage.PartitionSet;
import org.distdata.storage.wal.WalOptions;
import org.distdata.storage.wal.WriteAheadLog;
import org.distdata.transport.net.NodeTransport;

/**
 * The replicated half of a {@link Node}: the write-ahead log, the Raft host with the meta
 * group and this node's partition groups, the node transport with mutual TLS, the partition
 * state machines and the services this node offers as a partition leader, the gateway's
 * executor that follows leaders, node heartbeats and the failure detector, and the leader
 * balancer. {@link Node} owns exactly one when the cluster has more than one member.
 */
public final class NodeReplication implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeReplication.class.getName());
    /** A transaction prepared here this long without an outcome asks its home partition (and may abort). */
    private static final java.time.Duration IN_DOUBT_AFTER = java.time.Duration.ofSeconds(5);

    private final ReplicationSettings settings;
    private final ClusterConfig cluster;
    private final PartitionMap map;
    private final WriteAheadLog wal;
    private final NodeTransport transport;
    private final PartitionStateMachine partitions;
    private final RaftHost host;
    private final HostGroups groups;
    private final LeaderPartitionService leaderService;
    private final ServedPartitions served;
    private final Map<Long, PartitionService> remotes = new ConcurrentHashMap<>();
    private final ReplicatedPartitionExecutor executor;
    private final FailureDetector detector;
    private final NodeHeartbeats heartbeats;
    private final ScheduledExecutorService timers;
    private final java.util.concurrent.ExecutorService checksumWork;
    /** Runs other gateways' partition calls: they wait for commits and read indexes, never on transport threads. */
    private final java.util.concurrent.ExecutorService partitionWork;
    /** Runs the parallel prepare, decide and finish calls of this gateway's two-phase commits. */
    private final java.util.concurrent.ExecutorService twoPhaseWork;
    /** Ends transactions prepared here whose coordinator went quiet; apart from the heartbeat timer. */
    private final ScheduledExecutorService inDoubtTimer;
    private final ReplicatedClusterView view;
    /** Stamps the ids of the transactions this node begins. */
    private final HybridClock clock = new HybridClock();

    private NodeReplication(ReplicationSettings settings, Path dataDir, PartitionSet stores, StateMachine meta,
                            ThreadFactory threads) throws IOException {
        this.settings = settings;
        this.cluster = settings.cluster();
        long self = cluster.self().id();
        this.map = PartitionMap.initial(stores.size(), cluster.replicationFactor(), cluster.members().ids());
        this.detector = new FailureDetector(cluster.suspectAfter(), cluster.downAfter());
        this.partitions = new PartitionStateMachine(stores, dataDir.resolve("snapshots"), threads);
        for (int p : map.partitionsOn(self)) {
            partitions.host(p);
        }
        this.wal = WriteAheadLog.open(dataDir.resolve("wal"), WalOptions.defaults());
        this.transport = new NodeTransport(settings.transport(), threads);
        transport.start();
        for (ClusterMember m : cluster.members().members()) {
            if (m.id() != self) {
                transport.addPeer(m.name(), new InetSocketAddress(m.host(), m.rpcPort()));
            }
        }
        NetworkPeerTransport peers = new NetworkPeerTransport(transport,
                id -> cluster.members().byId(id).map(ClusterMember::name).orElse(null));
        this.host = new RaftHost(self, groupMemberships(), wal, peers, new GroupStateMachines(meta, partitions),
                RaftHostOptions.defaults(self, dataDir.resolve("raft-staging"))
                        .withTickMillis(settings.tickMillis())
                        .withSnapshotEvery(settings.snapshotEvery())
                        .withThreads(threads));
        peers.deliverTo(host::receive);
        this.groups = new HostGroups(self, host);
        this.leaderService = new LeaderPartitionService(groups, partitions, Clock.systemUTC());
        this.partitionWork = Executors.newFixedThreadPool(32, threads);
        this.served = new ServedPartitions(leaderService);
        new PartitionServiceEndpoint(served, partitionWork).registerOn(transport);
        this.twoPhaseWork = Executors.newCachedThreadPool(threads);
        this.executor = new ReplicatedPartitionExecutor(stores.size(), cluster.self().name(), clock,
                new LeaderDirectory(groups, map::replicas), this::service, this::reachable,
                new LocalPartitionExecutor(stores), settings.leaderWait(), twoPhaseWork);
        InDoubtResolver inDoubt = new InDoubtResolver(leaderService, executor);
        this.inDoubtTimer = Executors.newSingleThreadScheduledExecutor(threads);
        inDoubtTimer.scheduleWithFixedDelay(() -> inDoubt.resolve(IN_DOUBT_AFTER), 1, 1, TimeUnit.SECONDS);
        this.heartbeats = new NodeHeartbeats(cluster, transport, detector, this::leaderCount, () ->
                map.replicaCount(self), dataDir);
        ReplicaChecksums checksums = new ReplicaChecksums(groups, partitions);
        this.checksumWork = Executors.newFixedThreadPool(2, threads);
        checksums.serveOn(transport, checksumWork);
        this.view = new ReplicatedClusterView(this, "distdata-" + Integer.toHexString(cluster.members().render().hashCode()),
                new ReplicaConsistency(cluster, map, groups, checksums, transport));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads);
        timers.scheduleWithFixedDelay(this::everySecond, 1, 1, TimeUnit.SECONDS);
    }

    /** The cluster as this node sees it, for the API, the console and the consistency check. */
    public ReplicatedClusterView view() {
        return view;
    }

    /** Starts the replicated parts of the node whose metadata applies through {@code meta}. */
    public static NodeReplication start(ReplicationSettings settings, Path dataDir, PartitionSet stores,
                                        StateMachine meta, ThreadFactory threads) {
        try {
            return new NodeReplication(settings, dataDir, stores, meta, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start replication under " + dataDir, e);
        }
    }

    private Map<Long, Membership> groupMemberships() {
        Map<Long, Membership> out = new TreeMap<>();
        out.put(GroupIds.META, new Membership(new TreeSet<>(cluster.members().ids()), Set.of()));
        for (int p : map.partitionsOn(cluster.self().id())) {
            out.put(GroupIds.ofPartition(p), new Membership(new TreeSet<>(map.replicas(p)), Set.of()));
        }
        return out;
    }

    private PartitionService service(long node) {
        if (node == cluster.self().id()) {
            return leaderService;
        }
        return remotes.computeIfAbsent(node, id -> new RemotePartitionService(transport,
                cluster.members().byId(id).orElseThrow().name()));
    }

    /** Whether calls to {@code node} may get an answer: itself, or a node whose heartbeats arrive. */
    private boolean reachable(long node) {
        if (node == cluster.self().id()) {
            return true;
        }
        var state = detector.state(node, System.currentTimeMillis());
        return state == org.distdata.cluster.NodeState.UP || state == org.distdata.cluster.NodeState.JOINING;
    }

    private void everySecond() {
        try {
            heartbeats.send();
            partitions.expireIdleBranches(settings.branchIdle());
            LeaderBalancer.step(map, host, detector, cluster.self().id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "node " + cluster.self().name() + ": periodic task failed", e);
        }
    }

    private int leaderCount() {
        int n = 0;
        for (int p = 0; p < map.partitions(); p++) {
            if (host.leader(GroupIds.ofPartition(p)) == cluster.self().id()) {
                n++;
            }
        }
        return n;
    }

    public ClusterConfig cluster() {
        return cluster;
    }

    public PartitionMap partitionMap() {
        return map;
    }

    public RaftHost host() {
        return host;
    }

    public HostGroups groups() {
        return groups;
    }

    public NodeTransport transport() {
        return transport;
    }

    public PartitionStateMachine partitions() {
        return partitions;
    }

    /** The clock that stamps the ids of transactions begun on this node. */
    public HybridClock clock() {
        return clock;
    }

    public ReplicatedPartitionExecutor executor() {
        return executor;
    }

    /** The partitions this node leads, as they serve every gateway. */
    public PartitionService leaderService() {
        return leaderService;
    }

    /**
     * Lets the partition work other nodes send here enter through {@code entry} from now on
     * (in Payara, the data node bean, which calls {@link #leaderService()}); until then it
     * reaches the leaders directly.
     */
    public void serveRemoteCallsThrough(PartitionService entry) {
        served.enterThrough(entry);
    }

    public FailureDetector failureDetector() {
        return detector;
    }

    @Override
    public void close() {
        List<Runnable> steps = new ArrayList<>();
        steps.add(timers::shutdownNow);
        steps.add(inDoubtTimer::shutdownNow);
        steps.add(twoPhaseWork::shutdownNow);
        steps.add(checksumWork::shutdownNow);
        steps.add(partitionWork::shutdownNow);
        steps.add(() -> {
            try {
                host.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        steps.add(transport::close);
        steps.add(partitions::close);
        steps.add(() -> {
            try {
                wal.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing replication of node " + cluster.self().name(), e);
            }
        }
    }
}
