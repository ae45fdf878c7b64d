package org.distdata.cluster;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One node as the cluster sees it, a line of {@code GET /api/v1/nodes}: stable id, name,
 * RPC address ({@code host:port}), the base URL of its HTTP API when it announced one, its
 * roles, its state and since when, its last heartbeat (empty if none arrived), the load it
 * last reported, and how many partition replicas it holds and how many of them it leads.
 */
public record ClusterNode(long id, String name, String rpcAddress, Optional<String> apiUrl, Set<NodeRole> roles,
                          NodeState state, Instant since, Optional<Instant> lastHeartbeat, NodeLoad load,
                          int replicas, int leaders) {
    public ClusterNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rpcAddress, "rpcAddress");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
        Objects.requireNonNull(load, "load");
        // EnumSet keeps the roles in declaration order, so the API lists them the same way every time.
        roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(NodeRole.class) : EnumSet.copyOf(roles));
    }
}
