package org.distdata.transport.net;

import java.util.List;
import java.util.Optional;

/**
 * One open connection of a transport, for diagnostics and tests: the node at the other end
 * (unknown for an inbound plaintext connection), whether this node dialled it, the remote
 * address, the negotiated TLS protocol and the names of the pipeline's handlers.
 */
public record ChannelInfo(Optional<String> peer, boolean outbound, String remoteAddress, Optional<String> tlsProtocol,
                          List<String> handlers) {
}
