package org.distdata.replication;

import org.distdata.raft.PeerMessage;

/** How a node's Raft engine reaches its peers: the Netty transport, or in-process queues in tests. */
public interface PeerTransport {

    /** Sends without waiting; a message may be lost, and Raft copes with that. */
    void send(PeerMessage message);
}
