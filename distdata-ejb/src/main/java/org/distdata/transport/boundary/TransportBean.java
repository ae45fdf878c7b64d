package org.distdata.transport.boundary;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.distdata.node.NodeConfig;
import org.distdata.node.boundary.NodeBean;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.TransportSettings;
import org.eclipse.microprofile.config.Config;

/**
 * Runs this node's {@link NodeTransport} server inside the container: started after the
 * node opened (same node name and data directory), on the container's
 * {@link ManagedThreadFactory}, stopped when the application stops. The configuration keys
 * are {@link TransportSettings}' ({@code distdata.rpc.port}, default 7100, and the TLS
 * files); in the dev profile a missing CA and node certificate are created under
 * {@code <data dir>/tls} (or {@code distdata.transport.tls.dir}) at first start.
 *
 * <p>A transport that cannot start (port taken, unreadable certificates) is logged as
 * SEVERE and leaves the node serving its API without it ({@link #transport()} is empty):
 * nothing uses the transport on the request path yet, and one node must not fail to boot
 * because another process holds its RPC port.
 */
@Singleton
@Startup
@DependsOn("NodeBean")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class TransportBean {

    private static final Logger LOG = Logger.getLogger(TransportBean.class.getName());

    @Inject
    NodeBean nodeBean;

    @Inject
    Config config;

    @Resource
    ManagedThreadFactory threadFactory;

    private volatile NodeTransport transport;

    @PostConstruct
    void start() {
        NodeConfig node = nodeBean.node().config();
        NodeTransport started = null;
        try {
            TransportSettings settings = TransportSettings.read(node.nodeName(), node.dataDir(),
                    key -> config.getOptionalValue(key, String.class), System::getProperty);
            settings.ensureDevCertificates().forEach(created -> LOG.info("dev profile: created " + created));
            started = new NodeTransport(settings.config(), threadFactory);
            started.start();
            transport = started;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "node " + node.nodeName() + ": the node-to-node transport is NOT running: " + e.getMessage(), e);
            if (started != null) {
                started.close();
            }
        }
    }

    @PreDestroy
    void stop() {
        NodeTransport t = transport;
        transport = null;
        if (t != null) {
            t.close();
        }
    }

    /** The running transport; empty while starting, stopping, or if it could not start. */
    public Optional<NodeTransport> transport() {
        return Optional.ofNullable(transport);
    }
}
