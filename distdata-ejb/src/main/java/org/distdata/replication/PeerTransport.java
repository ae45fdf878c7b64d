package org.distdata.replication;

import java.util.List;

import org.distdata.raft.PeerMessage;

/** How a node's Raft engine reaches its peers: the Netty transport, or in-process queues in tests. */
public interface PeerTransport {

    /** Sends without waiting; a message may be lost, and Raft copes with that. */
    void send(PeerMessage message);

    /** Sends the messages of one Ready, in order. */
    default void sendAll(List<PeerMessage> messages) {
        messages.forEach(this::send);
    }
}
