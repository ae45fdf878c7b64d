package org.distdata.node;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.distdata.cluster.ClusterConfig;
import org.distdata.cluster.ClusterMember;
import org.distdata.cluster.FailureDetector;
import org.distdata.cluster.NodeLoad;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.message.MessageCodec;
import org.distdata.transport.message.MessageType;
import org.distdata.transport.message.NodeHeartbeat;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.Reply;

/**
 * This node's sign of life to every other member, once a second, with its load figures;
 * and the receiving end, which feeds the {@link FailureDetector}. Every node sends to every
 * other one, so each node's view of the nodes' states is its own, fed first hand. A
 * heartbeat whose sender is not the peer its certificate names is dropped.
 */
final class NodeHeartbeats {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeats.class.getName());

    private final ClusterConfig cluster;
    private final NodeTransport transport;
    private final FailureDetector detector;
    private final IntSupplier leaders;
    private final IntSupplier replicas;
    private final Path dataDir;
    private final MessageCodec codec = new MessageCodec();
    private final long incarnation = new SecureRandom().nextLong() & Long.MAX_VALUE;

    NodeHeartbeats(ClusterConfig cluster, NodeTransport transport, FailureDetector detector, IntSupplier leaders,
                   IntSupplier replicas, Path dataDir) {
        this.cluster = cluster;
        this.transport = transport;
        this.detector = detector;
        this.leaders = leaders;
        this.replicas = replicas;
        this.dataDir = dataDir;
        long now = System.currentTimeMillis();
        for (ClusterMember m : cluster.members().members()) {
            detector.expect(m.id(), now);
        }
        detector.heartbeat(cluster.self().id(), now, load());
        transport.register(MessageType.NODE_HEARTBEAT.code(), frame -> {
            receive(frame.peer(), frame.frame());
            return Reply.none();
        });
    }

    void send() {
        NodeLoad load = load();
        long now = System.currentTimeMillis();
        detector.heartbeat(cluster.self().id(), now, load);
        byte[] payload = codec.encode(new NodeHeartbeat(cluster.self().id(), now, incarnation, load.cpuLoad(),
                load.heapUsedBytes(), load.heapMaxBytes(), load.diskFreeBytes(), leaders.getAsInt(),
                replicas.getAsInt(), 0));
        for (ClusterMember m : cluster.members().members()) {
            if (m.id() != cluster.self().id()) {
                transport.offer(m.name(), MessageType.NODE_HEARTBEAT.code(), 0, payload);
            }
        }
    }

    private void receive(String peer, org.distdata.transport.codec.Frame frame) {
        try {
            NodeHeartbeat beat = (NodeHeartbeat) codec.decode(frame);
            boolean named = cluster.members().byId(beat.nodeId()).map(m -> m.name().equals(peer)).orElse(false);
            if (!named && !transport.config().plaintext()) {
                LOG.warning(() -> "dropping a heartbeat from " + peer + " that claims to be node " + beat.nodeId());
                return;
            }
            detector.heartbeat(beat.nodeId(), System.currentTimeMillis(), new NodeLoad(beat.cpuLoad(),
                    beat.heapUsedBytes(), beat.heapMaxBytes(), beat.diskFreeBytes()));
        } catch (FrameDecodingException | ClassCastException e) {
            LOG.log(Level.WARNING, "dropping an undecodable heartbeat from " + peer, e);
        }
    }

    private NodeLoad load() {
        return NodeLoad.sample(cluster.self().name(), dataDir);
    }
}
