package org.distdata.cluster;

import java.util.Locale;

/**
 * What a node does for the cluster (DESIGN.md, "Nodes and roles"): a {@code coordinator}
 * votes in the meta group, a {@code data} node holds partition replicas; by default a node
 * is both. {@link #id()} is the lower-case name used in config and in the API.
 */
public enum NodeRole {
    COORDINATOR,
    DATA;

    /** The name as config and the API spell it: {@code coordinator}, {@code data}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} (case-insensitive); a clear error for anything else. */
    public static NodeRole fromId(String id) {
        for (NodeRole role : values()) {
            if (role.id().equalsIgnoreCase(id.strip())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown node role '" + id + "' (roles are coordinator, data)");
    }
}
