package org.distdata.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one DistData node needs to start: its name, its data directory, the cluster's
 * partition count (fixed at cluster init), the initial admin password if the operator gave
 * one, and the lifetime of issued tokens.
 */
public record NodeConfig(String nodeName, Path dataDir, int partitions, Optional<String> adminPassword,
                         Duration tokenTtl) {
    public static final int DEFAULT_PARTITIONS = 16;

    public NodeConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(dataDir, "dataDir");
        if (partitions < 1 || partitions > 1024) {
            throw new IllegalArgumentException("partitions must be between 1 and 1024, got " + partitions);
        }
        adminPassword = adminPassword == null ? Optional.empty() : adminPassword.filter(p -> !p.isBlank());
        tokenTtl = tokenTtl == null ? Duration.ofHours(8) : tokenTtl;
    }

    public static NodeConfig local(String nodeName, Path dataDir) {
        return new NodeConfig(nodeName, dataDir, DEFAULT_PARTITIONS, Optional.empty(), Duration.ofHours(8));
    }
}
