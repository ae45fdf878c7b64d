package org.distdata.node;

import org.distdata.catalog.Catalog;
import org.distdata.catalog.CatalogView;
import org.distdata.clock.HybridClock;
import org.distdata.cluster.ClusterNode;
import org.distdata.cluster.ClusterView;
import org.distdata.cluster.NodeState;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.load.CsvImporter;
import org.distdata.meta.MetaGroup;
import org.distdata.meta.MetadataDatabase;
import org.distdata.meta.Proposer;
import org.distdata.meta.Settings;
import org.distdata.partition.LocalPartitionExecutor;
import org.distdata.partition.PartitionExecutor;
import org.distdata.replication.GroupIds;
import org.distdata.security.control.AuthService;
import org.distdata.security.control.SecurityConfig;
import org.distdata.security.control.SecurityServices;
import org.distdata.security.control.UserService;
import org.distdata.sql.DistributedSqlEngine;
import org.distdata.sql.SqlEngine;
import org.distdata.storage.PartitionSet;
import org.distdata.transaction.ExplicitTransactions;
import org.distdata.transaction.TransactionNodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * One DistData node, and the one place its parts are wired: partition stores, metadata
 * database and meta group, catalog, SQL engine, bulk importer and security services, and —
 * in a replicated cluster — the write-ahead log, the Raft host, the node transport and the
 * partition state machines ({@link NodeReplication}). The container's startup bean opens
 * exactly one; tests open as many as they like.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Node.class.getName());
    /** How long a starting cluster node waits for the meta group to form before it gives up. */
    private static final Duration META_QUORUM_WAIT = Duration.ofMinutes(5);
    private static final Duration META_PROPOSAL_TIMEOUT = Duration.ofSeconds(10);

    private final NodeConfig config;
    private final MetaGroup meta;
    private final PartitionSet partitions;
    private final Catalog catalog;
    private final DistributedSqlEngine sql;
    private final CsvImporter importer;
    private final SecurityServices security;
    private final NodeReplication replication;
    private final ClusterView clusterView;
    private final ExplicitTransactions transactions;
    private final ScheduledExecutorService transactionTimer;
    private volatile boolean ready;

    private Node(NodeConfig config, MetaGroup meta, PartitionSet partitions, Catalog catalog,
                 DistributedSqlEngine sql, SecurityServices security, NodeReplication replication) {
        this.config = config;
        this.meta = meta;
        this.partitions = partitions;
        this.catalog = catalog;
        this.sql = sql;
        this.importer = new CsvImporter(sql);
        this.security = security;
        this.replication = replication;
        this.clusterView = replication == null ? null : replication.view();
        String self = replication == null ? config.nodeName() : replication.cluster().self().name();
        this.transactions = new ExplicitTransactions(self, replication == null ? new HybridClock() : replication.clock(),
                sql, clusterView == null ? new AloneNodes(self, Optional.empty()) : new ViewNodes(clusterView),
                Clock.systemUTC(), ExplicitTransactions.DEFAULT_IDLE);
        this.transactionTimer = Executors.newSingleThreadScheduledExecutor(daemonThreads(self + "-txn-expiry"));
        transactionTimer.scheduleWithFixedDelay(transactions::expireIdle, 1, 1, TimeUnit.SECONDS);
    }

    /** The other nodes as the replicated cluster's view shows them. */
    private record ViewNodes(ClusterView view) implements TransactionNodes {
        @Override
        public Optional<String> apiUrl(String nodeName) {
            return named(nodeName).flatMap(ClusterNode::apiUrl);
        }

        @Override
        public boolean isMember(String nodeName) {
            return named(nodeName).isPresent();
        }

        @Override
        public boolean isUp(String nodeName) {
            return named(nodeName).map(n -> n.state() != NodeState.DOWN && n.state() != NodeState.REMOVED).orElse(false);
        }

        private Optional<ClusterNode> named(String nodeName) {
            return view.nodes().stream().filter(n -> n.name().equals(nodeName)).findFirst();
        }
    }

    /** A node running alone knows only itself. */
    private record AloneNodes(String self, Optional<String> url) implements TransactionNodes {
        @Override
        public Optional<String> apiUrl(String nodeName) {
            return nodeName.equals(self) ? url : Optional.empty();
        }

        @Override
        public boolean isMember(String nodeName) {
            return nodeName.equals(self);
        }

        @Override
        public boolean isUp(String nodeName) {
            return nodeName.equals(self);
        }
    }

    /** Opens (creating on first start) the node's storage under {@code config.dataDir()}. */
    public static Node open(NodeConfig config) {
        return open(config, daemonThreads(config.nodeName()));
    }

    /**
     * Opens the node; its long-lived threads (Raft host, apply threads, transport) come from
     * {@code threads}, a container passes its managed factory.
     */
    public static Node open(NodeConfig config, ThreadFactory threads) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        MetadataDatabase metadata = MetadataDatabase.open(config.dataDir().resolve("meta"));
        return config.replication().isPresent() ? openReplicated(config, metadata, threads)
                : openAlone(config, metadata);
    }

    private static Node openAlone(NodeConfig config, MetadataDatabase metadata) {
        MetaGroup meta = MetaGroup.local(metadata);
        PartitionSet partitions = null;
        try {
            Settings settings = new Settings(meta);
            int p = Integer.parseInt(settings.getOrCreate("partitions", () -> Integer.toString(config.partitions())));
            partitions = PartitionSet.open(config.dataDir().resolve("partitions"), p);
            PartitionExecutor executor = new LocalPartitionExecutor(partitions);
            Catalog catalog = Catalog.load(meta, executor);
            DistributedSqlEngine sql = new DistributedSqlEngine(catalog, executor);
            SecurityServices security = SecurityServices.open(meta,
                    new SecurityConfig(config.adminPassword(), config.tokenTtl(), Clock.systemUTC()));
            Node node = new Node(config, meta, partitions, catalog, sql, security, null);
            node.ready = true;
            return node;
        } catch (RuntimeException e) {
            if (partitions != null) {
                partitions.close();
            }
            meta.stateMachine().close();
            metadata.close();
            throw e;
        }
    }

    /**
     * A node of a replicated cluster: the meta group's state machine is hosted as group 0
     * before anything reads metadata, and the services open once the meta group has a leader
     * and this node has applied what it committed (they may need to propose the first admin
     * and signing key, which only one node's proposal creates).
     */
    private static Node openReplicated(NodeConfig config, MetadataDatabase metadata, ThreadFactory threads) {
        ReplicationSettings settings = config.replication().orElseThrow();
        AtomicReference<MetaForwarding> proposer = new AtomicReference<>();
        // the meta group's state machine must exist before the Raft host, which proposals need
        MetaGroup meta = MetaGroup.replicated(metadata, new Proposer() {
            @Override
            public CompletableFuture<Long> propose(long group, byte[] command) {
                MetaForwarding p = proposer.get();
                return p == null ? CompletableFuture.failedFuture(new DistDataException(ErrorCode.NODE_UNAVAILABLE,
                        "the Raft host is starting")) : p.propose(group, command);
            }

            @Override
            public CompletableFuture<Long> readIndex(long group) {
                MetaForwarding p = proposer.get();
                return p == null ? CompletableFuture.completedFuture(-1L) : p.readIndex(group);
            }
        }, META_PROPOSAL_TIMEOUT);
        PartitionSet partitions = null;
        NodeReplication replication = null;
        try {
            partitions = PartitionSet.open(config.dataDir().resolve("partitions"), config.partitions());
            replication = NodeReplication.start(settings, config.dataDir(), partitions, meta.stateMachine(), threads);
            proposer.set(new MetaForwarding(settings.cluster(), replication.host(), replication.transport(),
                    META_PROPOSAL_TIMEOUT));
            awaitMetaGroup(replication, meta);
            Catalog catalog = Catalog.load(meta, replication.executor());
            DistributedSqlEngine sql = new DistributedSqlEngine(catalog, replication.executor());
            SecurityServices security = untilMetaQuorum(() -> SecurityServices.open(meta,
                    new SecurityConfig(config.adminPassword(), config.tokenTtl(), Clock.systemUTC())));
            Node node = new Node(config, meta, partitions, catalog, sql, security, replication);
            node.ready = true;
            return node;
        } catch (RuntimeException e) {
            if (replication != null) {
                replication.close();
            }
            if (partitions != null) {
                partitions.close();
            }
            meta.stateMachine().close();
            metadata.close();
            throw e;
        }
    }

    /** Waits until the meta group has a leader and this node applied what was committed before it joined. */
    private static void awaitMetaGroup(NodeReplication replication, MetaGroup meta) {
        long deadline = System.nanoTime() + META_QUORUM_WAIT.toNanos();
        try {
            while (true) {
                var status = replication.host().status(GroupIds.META);
                if (status != null && status.leader() > 0 && status.commitIndex() > 0
                        && meta.stateMachine().awaitApplied(status.commitIndex(), Duration.ofSeconds(1))) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new DistDataException(ErrorCode.NO_QUORUM, "the meta group found no quorum within "
                            + META_QUORUM_WAIT.toSeconds() + " s: start a majority of the members");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "interrupted while joining the meta group");
        }
    }

    private interface MetaWork<T> {
        T run();
    }

    /** Runs {@code work} again while the meta group has no quorum (a starting cluster), within the wait. */
    private static <T> T untilMetaQuorum(MetaWork<T> work) {
        long deadline = System.nanoTime() + META_QUORUM_WAIT.toNanos();
        while (true) {
            try {
                return work.run();
            } catch (DistDataException e) {
                boolean transientFailure = e.code() == ErrorCode.NO_QUORUM || e.code() == ErrorCode.NODE_UNAVAILABLE;
                if (!transientFailure || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LOG.info(() -> "waiting for the meta group: " + e.getMessage());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public NodeConfig config() {
        return config;
    }

    public SqlEngine sql() {
        return sql;
    }

    /** The explicit transactions begun on this node. */
    public ExplicitTransactions transactions() {
        return transactions;
    }

    public CatalogView catalog() {
        return catalog;
    }

    public CsvImporter importer() {
        return importer;
    }

    public AuthService auth() {
        return security.auth();
    }

    public UserService users() {
        return security.users();
    }

    /** The replicated parts of this node; empty when it runs alone. */
    public Optional<NodeReplication> replication() {
        return Optional.ofNullable(replication);
    }

    /** The cluster as this node of a replicated cluster sees it; empty when it runs alone. */
    public Optional<ClusterView> replicatedCluster() {
        return Optional.ofNullable(clusterView);
    }

    /** The admin password generated at this start, present only on the start that created it. */
    public Optional<String> generatedAdminPassword() {
        return security.generatedAdminPassword();
    }

    /** True once storage is open and the node can serve requests. */
    public boolean ready() {
        return ready;
    }

    @Override
    public void close() {
        ready = false;
        try {
            transactionTimer.shutdownNow();
            transactions.close();
            sql.close();
            if (replication != null) {
                replication.close();
            }
            partitions.close();
        } finally {
            meta.stateMachine().close();
            meta.database().close();
        }
    }

    private static ThreadFactory daemonThreads(String nodeName) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "distdata-" + nodeName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
