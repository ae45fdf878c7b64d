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
import org.distdata.cluster.ClusterView;
import org.distdata.cluster.SingleNodeClusterView;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.metrics.RequestMetrics;
import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
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
 * {@code distdata.token.ttl} (ISO-8601 duration, {@code PT8H}).
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

    private final RequestMetrics requestMetrics = new RequestMetrics();
    private volatile Node node;

    @PostConstruct
    void start() {
        NodeConfig config = new NodeConfig(
                nodeName.filter(n -> !n.isBlank()).orElseGet(NodeBean::defaultNodeName),
                Path.of(dataDir.filter(d -> !d.isBlank())
                        .orElseGet(() -> System.getProperty("user.home") + "/distdata-data")),
                partitions,
                adminPassword,
                Duration.parse(tokenTtl));
        LOG.info(() -> "opening DistData node " + config.nodeName() + " with data in " + config.dataDir());
        node = Node.open(config);
        node.generatedAdminPassword().ifPresent(p ->
                LOG.warning(CREDENTIALS_MARKER + " user=admin password=" + p
                        + " (generated once; change it with PUT /api/v1/users/admin)"));
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

    /**
     * The cluster as this node sees it, for the cluster endpoints and the console: this node
     * alone (replication factor 1) until the replicated cluster's view is wired into the node.
     */
    public ClusterView cluster() {
        Node n = node();
        return SingleNodeClusterView.of(n.config().nodeName(), n.config().partitions(), n.config().dataDir(), n::ready,
                n.catalog(), key -> ConfigProvider.getConfig().getOptionalValue(key, String.class));
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
