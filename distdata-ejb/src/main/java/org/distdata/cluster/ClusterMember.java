package org.distdata.cluster;

import java.util.Objects;

/**
 * One entry of the static member list ({@code distdata.cluster.members}): a node's stable
 * id, its name and where its node-to-node RPC port listens. {@link #rpcAddress()} renders
 * {@code host:port}, with an IPv6 host in brackets.
 */
public record ClusterMember(long id, String name, String host, int rpcPort) {

    public ClusterMember {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (id < 1) {
            throw new IllegalArgumentException("node id must be positive, got " + id);
        }
        if (rpcPort < 1 || rpcPort > 65535) {
            throw new IllegalArgumentException("RPC port must be 1..65535, got " + rpcPort);
        }
    }

    /** {@code host:port}; an IPv6 literal gets brackets so the port stays unambiguous. */
    public String rpcAddress() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + rpcPort;
    }

    /** The member-list form: {@code id:name@host:port}. */
    public String render() {
        return id + ":" + name + "@" + rpcAddress();
    }
}
