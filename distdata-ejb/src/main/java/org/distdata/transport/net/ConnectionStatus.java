package org.distdata.transport.net;

import java.util.Optional;

/**
 * A snapshot of this node's connection to one peer, for health views and tests:
 * its state, the consecutive failed attempts behind it, the last failure, the attempts made
 * in all, the bytes queued for the peer and the requests waiting for an answer.
 */
public record ConnectionStatus(String peer, ConnectionState state, int consecutiveFailures, long attempts,
                               Optional<String> lastFailure, long queuedBytes, int pendingRequests) {
}
