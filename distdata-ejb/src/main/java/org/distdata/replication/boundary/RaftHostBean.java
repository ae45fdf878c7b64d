package org.distdata.replication.boundary;

import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.distdata.cluster.ClusterView;
import org.distdata.cluster.SingleNodeClusterView;
import org.distdata.node.Node;
import org.distdata.node.NodeReplication;
import org.distdata.node.boundary.NodeBean;
import org.distdata.replication.RaftHost;
import org.distdata.replication.RaftMetrics;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The node's Raft host as the cluster endpoints and {@code /metrics} see it: the cluster as
 * its groups show it (partitions with their leaders, terms and commit indexes, nodes with
 * the replicas and leaderships they hold, the consistency check) and its counters. Both come
 * from what {@link Node} built; this bean builds nothing. A node that runs alone has no Raft
 * host: its view is itself leading every partition, and it has no counters.
 *
 * <p>Bean-managed concurrency and transactions, as {@link NodeBean} explains.
 */
@Singleton
@Startup
@DependsOn("NodeBean")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RaftHostBean {

    @EJB
    NodeBean nodeBean;

    private ClusterView cluster;
    private Optional<RaftHost> host;

    @PostConstruct
    void attach() {
        Node node = nodeBean.node();
        host = node.replication().map(NodeReplication::host);
        cluster = node.replicatedCluster().orElseGet(() -> SingleNodeClusterView.of(node.config().nodeName(),
                node.config().partitions(), node.config().dataDir(), node::ready, node.catalog(),
                key -> ConfigProvider.getConfig().getOptionalValue(key, String.class)));
    }

    /** The cluster as this node sees it, for the cluster endpoints and the console. */
    public ClusterView cluster() {
        return cluster;
    }

    /** The Raft host's counters; empty when the node runs alone. */
    public Optional<RaftMetrics> metrics() {
        return host.map(RaftHost::metrics);
    }
}
