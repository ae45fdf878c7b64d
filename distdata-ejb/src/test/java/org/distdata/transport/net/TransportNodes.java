package org.distdata.transport.net;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.distdata.transport.tls.ClusterCertificates;

/**
 * Test fixture: nodes of one cluster on 127.0.0.1 with ephemeral ports, with certificates
 * from one cluster CA (or plaintext), short timeouts, and plain daemon threads standing in
 * for the container's ManagedThreadFactory. Closes every transport it started.
 */
public final class TransportNodes implements AutoCloseable {

    private final Path certificates;
    private final boolean plaintext;
    private final List<NodeTransport> started = new ArrayList<>();

    private TransportNodes(Path certificates, boolean plaintext) {
        this.certificates = certificates;
        this.plaintext = plaintext;
    }

    /** Nodes with mutual TLS; their CA and certificates go to {@code dir}. */
    public static TransportNodes tls(Path dir) {
        ClusterCertificates.in(dir).ensureAuthority("test");
        return new TransportNodes(dir, false);
    }

    public static TransportNodes plaintext() {
        return new TransportNodes(null, true);
    }

    public Path certificates() {
        return certificates;
    }

    /** A config for {@code node}: port 0, short timeouts and backoff, this fixture's TLS or plaintext. */
    public TransportConfig.Builder config(String node) {
        TransportConfig.Builder builder = TransportConfig.builder(node)
                .port(0)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .sendTimeout(Duration.ofMillis(500))
                .reconnectDelays(Duration.ofMillis(20), Duration.ofMillis(300))
                .shutdown(Duration.ofMillis(10), Duration.ofSeconds(2));
        if (plaintext) {
            return builder.plaintext(true);
        }
        ClusterCertificates cluster = ClusterCertificates.in(certificates);
        cluster.ensureNode(node);
        return builder.tls(cluster.nodeFiles(node));
    }

    public NodeTransport start(String node) {
        return start(config(node).build());
    }

    public NodeTransport start(TransportConfig config) {
        NodeTransport transport = new NodeTransport(config, threads(config.nodeName()));
        started.add(transport);
        return transport.start();
    }

    /** Lets {@code from} reach {@code to} under its node name. */
    public static void connect(NodeTransport from, NodeTransport to) {
        from.addPeer(to.config().nodeName(), to.localAddress());
    }

    public static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-transport-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        for (NodeTransport transport : started) {
            transport.close();
        }
        started.clear();
    }
}
