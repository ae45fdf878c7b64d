package org.distdata.replication;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.distdata.raft.PeerMessage;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.message.MessageCodec;
import org.distdata.transport.message.MessageType;
import org.distdata.transport.net.InboundFrame;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.Reply;

/**
 * Raft's {@link PeerTransport} over the node transport: every {@link PeerMessage} goes to its
 * peer as one one-way frame (coalesced heartbeats included, as one {@code RAFT_HEARTBEATS}
 * frame), and {@link #deliverTo} hands what peers send back to the local Raft host, decoded.
 * Raft node ids become transport peer names through the function given at construction.
 *
 * <p>Sending never waits: a message for a peer that is unreachable, unknown, or whose outbound
 * buffer is full is dropped and counted ({@link #dropped()}), because Raft retries on its own
 * and a stalled send would stall every group of this node. Inbound, a message whose sender
 * id does not name the node its TLS certificate names, or that does not decode, is dropped
 * and counted ({@link #rejected()}): one cluster member must not speak for another.
 */
public final class NetworkPeerTransport implements PeerTransport {

    private static final Logger LOG = Logger.getLogger(NetworkPeerTransport.class.getName());
    private static final MessageType[] RAFT_TYPES = {MessageType.RAFT_VOTE_REQUEST, MessageType.RAFT_VOTE_RESPONSE,
            MessageType.RAFT_APPEND_REQUEST, MessageType.RAFT_APPEND_RESPONSE, MessageType.RAFT_HEARTBEAT,
            MessageType.RAFT_HEARTBEAT_RESPONSE, MessageType.RAFT_SNAPSHOT_CHUNK, MessageType.RAFT_SNAPSHOT_RESPONSE,
            MessageType.RAFT_TIMEOUT_NOW, MessageType.RAFT_HEARTBEATS};

    private final NodeTransport transport;
    private final LongFunction<String> peerNames;
    private final MessageCodec codec = new MessageCodec();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    /**
     * Sends over {@code transport}; {@code peerNames} maps a Raft node id to the name the
     * transport knows that node by (null when unknown), e.g. {@code id -> "n" + id} for the
     * local launcher's nodes.
     */
    public NetworkPeerTransport(NodeTransport transport, LongFunction<String> peerNames) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.peerNames = Objects.requireNonNull(peerNames, "peerNames");
    }

    @Override
    public void send(PeerMessage message) {
        String peer = peerNames.apply(message.to());
        if (peer == null) {
            drop(message, "no transport name for node " + message.to());
            return;
        }
        byte[] payload;
        try {
            payload = codec.encode(message);
        } catch (IllegalArgumentException e) {
            // A message with no wire form is a bug upstream; losing it is what Raft tolerates anyway.
            LOG.log(Level.WARNING, "cannot encode a Raft message for " + peer, e);
            drop(message, e.getMessage());
            return;
        }
        try {
            transport.offer(peer, codec.typeOf(message).code(), codec.groupOf(message), payload)
                    .whenComplete((sent, failure) -> {
                        if (failure != null) {
                            drop(message, String.valueOf(failure.getMessage()));
                        }
                    });
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Raft message for " + peer + " exceeds the frame limit", e);
            drop(message, e.getMessage());
        }
    }

    /**
     * Registers the handlers for every Raft message type on the transport; from then on each
     * message a peer sends is decoded and given to {@code inbox} (on a transport handler
     * thread, one connection's messages in arrival order).
     */
    public void deliverTo(Consumer<PeerMessage> inbox) {
        Objects.requireNonNull(inbox, "inbox");
        for (MessageType type : RAFT_TYPES) {
            transport.register(type.code(), frame -> {
                receive(frame, inbox);
                return Reply.none();
            });
        }
    }

    /** Messages not sent: peer unknown or unreachable, outbound buffer full, or no wire form. */
    public long dropped() {
        return dropped.get();
    }

    /** Messages received and thrown away: undecodable, or claiming a sender other than the peer. */
    public long rejected() {
        return rejected.get();
    }

    private void receive(InboundFrame frame, Consumer<PeerMessage> inbox) {
        PeerMessage message;
        try {
            message = (PeerMessage) codec.decode(frame.frame());
        } catch (FrameDecodingException | ClassCastException e) {
            rejected.incrementAndGet();
            LOG.log(Level.WARNING, "dropping an undecodable Raft message from " + frame.peer(), e);
            return;
        }
        // With plaintext the peer is only an address, so there is no name to hold the sender to.
        if (!transport.config().plaintext() && !frame.peer().equals(peerNames.apply(message.from()))) {
            rejected.incrementAndGet();
            LOG.warning(() -> "dropping a Raft message from " + frame.peer() + " that claims to come from node "
                    + message.from());
            return;
        }
        inbox.accept(message);
    }

    private void drop(PeerMessage message, String reason) {
        dropped.incrementAndGet();
        LOG.fine(() -> "dropped a Raft message for node " + message.to() + ": " + reason);
    }
}
