package org.distdata.node.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.distdata.cluster.ClusterConfig;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.metrics.RequestMetrics;
import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.node.ReplicationSettings;
import org.distdata.transport.net.TransportSettings;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Opens this instance's {@link Node} when the application starts and closes it when it
 * stops. Configuration comes from MicroProfile Config: {@code distdata.node.name}
 * (default {@code node-<hostname>}), {@code distdata.data.dir} (default
 * {@code ${user.home}/distdata-data}), {@code distdata.partitions} (16),
 * {@code distdata.admin.password} (also from env {@code DISTDATA_ADMIN_PASSWORD}) and
 * {@code distdata.token.ttl} (ISO-8601 duration, {@code PT8H}). With a member list of more
 * than one node ({@code distdata.cluster.members}, {@code distdata.node.id},
 * {@code distdata.replication.factor}; see {@link ClusterConfig}) the node joins a replicated
 * cluster, its transport on {@code distdata.rpc.port} ({@link TransportSettings}).
 *
 * <p>This bean owns the node's lifecycle; {@link Node} is the one place its parts are built.
 * The other beans are thin views over those parts, each started after this one
 * ({@code RaftHostBean}, {@code MetaGroupBean}, {@code SqlBean}), and once the node is open
 * the partition work other nodes send here enters through {@code DataNodeBean} (ADR 0012).
 *
 * <p>Bean-managed concurrency: the node is thread-safe, and a container WRITE lock would
 * serialize every request of the whole API through this bean. Bean-managed transactions:
 * the node keeps its own transactions, so the container must not start a JTA transaction
 * on every call (its default for an EJB).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class NodeBean {
    /** The launcher greps for this marker to show the first admin's credentials. */
    public static final String CREDENTIALS_MARKER = "DISTDATA ADMIN CREDENTIALS";
    private static final Logger LOG = Logger.getLogger(NodeBean.class.getName());

    @Inject
    @ConfigProperty(name = "distdata.node.name")
    Optional<String> nodeName;

    @Inject
    @ConfigProperty(name = "distdata.data.dir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "distdata.partitions", defaultValue = "16")
    int partitions;

    @Inject
    @ConfigProperty(name = "distdata.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "distdata.token.ttl", defaultValue = "PT8H")
    String tokenTtl;

    @Resource
    ManagedThreadFactory threadFactory;

    private final RequestMetrics requestMetrics = new RequestMetrics();
    private volatile Node node;

    @PostConstruct
    void start() {
        String name = nodeName.filter(n -> !n.isBlank()).orElseGet(NodeBean::defaultNodeName);
        Path dir = Path.of(dataDir.filter(d -> !d.isBlank())
                .orElseGet(() -> System.getProperty("user.home") + "/distdata-data"));
        NodeConfig config = new NodeConfig(name, dir, partitions, adminPassword, Duration.parse(tokenTtl),
                replication(name, dir));
        LOG.info(() -> "opening DistData node " + config.nodeName() + " with data in " + config.dataDir()
                + config.replication().map(r -> " as node " + r.cluster().self().id() + " of "
                + r.cluster().members().render() + ", replication factor " + r.cluster().replicationFactor())
                .orElse(" (alone)"));
        node = Node.open(config, threadFactory);
        node.generatedAdminPassword().ifPresent(p ->
                LOG.warning(CREDENTIALS_MARKER + " user=admin password=" + p
                        + " (generated once; change it with PUT /api/v1/users/admin)"));
    }

    /**
     * How this node replicates, when {@code distdata.cluster.members} names more than one
     * member: the cluster config and the node transport ({@code distdata.rpc.port}, mutual TLS
     * from the cluster CA, created under the data directory in the dev profile).
     */
    private static Optional<ReplicationSettings> replication(String name, Path dir) {
        var config = ConfigProvider.getConfig();
        java.util.function.Function<String, Optional<String>> lookup = key -> config.getOptionalValue(key, String.class);
        ClusterConfig cluster = ClusterConfig.read(name, lookup);
        if (cluster.members().size() < 2) {
            return Optional.empty();
        }
        TransportSettings transport = TransportSettings.read(name, dir, lookup, System::getProperty);
        transport.ensureDevCertificates().forEach(created -> LOG.info("dev profile: created " + created));
        return Optional.of(ReplicationSettings.of(cluster, transport.config()));
    }

    @PreDestroy
    void stop() {
        Node n = node;
        node = null;
        if (n != null) {
            n.close();
        }
    }

    /** The running node; fails while the application is starting or stopping. */
    public Node node() {
        Node n = node;
        if (n == null) {
            throw new DistDataException(ErrorCode.NODE_UNAVAILABLE, "the DistData node is not running");
        }
        return n;
    }

    public boolean ready() {
        Node n = node;
        return n != null && n.ready();
    }

    /** Per-endpoint request latency and throughput, fed by the REST layer. */
    public RequestMetrics requestMetrics() {
        return requestMetrics;
    }

    private static String defaultNodeName() {
        try {
            return "node-" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node-local";
        }
    }
}
