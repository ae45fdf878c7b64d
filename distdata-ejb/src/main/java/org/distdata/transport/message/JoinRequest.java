package org.distdata.transport.message;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node asks the coordinator to let it into the cluster, saying who it is, where its RPC
 * port listens, which roles it runs ({@code coordinator}, {@code data}) and which protocol
 * version it speaks. Roles are kept sorted, which is also their order on the wire.
 */
public record JoinRequest(long nodeId, String nodeName, String rpcAddress, int rpcPort, Set<String> roles,
                          int protocolVersion) {

    public JoinRequest {
        roles = Collections.unmodifiableSet(new TreeSet<>(roles));
    }
}
