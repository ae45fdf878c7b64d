package org.distdata.transport.net;

/** Where this node's connection to one peer stands. */
public enum ConnectionState {
    /** Not connected yet: the first exchange with the peer opens the connection. */
    IDLE,
    /** A connection attempt (TCP connect and TLS handshake) is under way. */
    CONNECTING,
    /** Connected; exchanges flow. */
    CONNECTED,
    /** The last attempt failed or the connection was lost; the next attempt is scheduled. Exchanges fail fast. */
    BACKOFF,
    /** The peer was removed or the transport shut down. */
    CLOSED
}
