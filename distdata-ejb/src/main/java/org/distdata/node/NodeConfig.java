package org.distdata.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one DistData node needs to start: its name, its data directory, the cluster's
 * partition count (fixed at cluster init), the initial admin password if the operator gave
 * one, the lifetime of issued tokens, and — for a node of a replicated cluster — how it
 * replicates. Without {@code replication} the node runs alone, every partition local.
 */
public record NodeConfig(String nodeName, Path dataDir, int partitions, Optional<String> adminPassword,
                         Duration tokenTtl, Optional<ReplicationSettings> replication) {
    public static final int DEFAULT_PARTITIONS = 16;

    public NodeConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(dataDir, "dataDir");
        if (partitions < 1 || partitions > 1024) {
            throw new IllegalArgumentException("partitions must be between 1 and 1024, got " + partitions);
        }
        adminPassword = adminPassword == null ? Optional.empty() : adminPassword.filter(p -> !p.isBlank());
        tokenTtl = tokenTtl == null ? Duration.ofHours(8) : tokenTtl;
        replication = replication == null ? Optional.empty() : replication;
    }

    /** A node that runs alone. */
    public NodeConfig(String nodeName, Path dataDir, int partitions, Optional<String> adminPassword, Duration tokenTtl) {
        this(nodeName, dataDir, partitions, adminPassword, tokenTtl, Optional.empty());
    }

    public static NodeConfig local(String nodeName, Path dataDir) {
        return new NodeConfig(nodeName, dataDir, DEFAULT_PARTITIONS, Optional.empty(), Duration.ofHours(8));
    }
}
