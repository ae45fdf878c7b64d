package org.distdata.cluster;

import org.distdata.catalog.CatalogView;
import org.distdata.catalog.TableDetails;
import org.distdata.catalog.TableSummary;
import org.distdata.catalog.entity.TableKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The cluster of a node that runs alone, as DistData did before replication: one member,
 * coordinator and data node, holding the only replica of every partition and leading all of
 * them (replication factor 1). It is UP while the node is ready and JOINING before. There
 * is no Raft log, so terms and indexes are unknown (-1), and the consistency check has one
 * replica per partition, trivially consistent, with nothing to checksum.
 */
public final class SingleNodeClusterView implements ClusterView {

    /** Measures partitions; -1 for what it cannot tell. Called on every {@link #partitionStatus()}. */
    public interface PartitionSizes {
        /** Rows per partition, {@code partitions} entries. */
        long[] rows(int partitions);

        /** Bytes on disk per partition, {@code partitions} entries. */
        long[] bytes(int partitions);

        /** Sizes that are never known. */
        static PartitionSizes unknown() {
            return new PartitionSizes() {
                @Override
                public long[] rows(int partitions) {
                    return filled(partitions);
                }

                @Override
                public long[] bytes(int partitions) {
                    return filled(partitions);
                }
            };
        }
    }

    private final ClusterMember self;
    private final Optional<String> apiUrl;
    private final String clusterId;
    private final int partitions;
    private final BooleanSupplier ready;
    private final Instant upSince;
    private final Supplier<NodeLoad> load;
    private final PartitionSizes sizes;

    public SingleNodeClusterView(ClusterMember self, Optional<String> apiUrl, String clusterId, int partitions,
                                 BooleanSupplier ready, Instant upSince, Supplier<NodeLoad> load, PartitionSizes sizes) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.self = self;
        this.apiUrl = apiUrl;
        this.clusterId = clusterId;
        this.partitions = partitions;
        this.ready = ready;
        this.upSince = upSince;
        this.load = load;
        this.sizes = sizes;
    }

    /**
     * The view of the running node named {@code nodeName}: identity from {@link ClusterConfig}
     * ({@code config} answers one key), the cluster id from {@code dataDir/cluster.id} (created
     * on first use), partition sizes from the Derby directories under
     * {@code dataDir/partitions} and the rows of the distributed tables of {@code catalog}.
     */
    public static SingleNodeClusterView of(String nodeName, int partitions, Path dataDir, BooleanSupplier ready,
                                           CatalogView catalog, Function<String, Optional<String>> config) {
        ClusterConfig cluster = ClusterConfig.read(nodeName, config);
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return new SingleNodeClusterView(cluster.self(), cluster.apiUrl(), clusterId(dataDir), partitions, ready,
                started, () -> NodeLoad.sample(nodeName, dataDir), localSizes(dataDir.resolve("partitions"), catalog));
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public int replicationFactor() {
        return 1;
    }

    @Override
    public OptionalLong metaLeader() {
        return ready.getAsBoolean() ? OptionalLong.of(self.id()) : OptionalLong.empty();
    }

    @Override
    public List<ClusterNode> nodes() {
        boolean up = ready.getAsBoolean();
        // No heartbeats: a lone node hears from nobody, itself included.
        return List.of(new ClusterNode(self.id(), self.name(), self.rpcAddress(), apiUrl,
                EnumSet.of(NodeRole.COORDINATOR, NodeRole.DATA), up ? NodeState.UP : NodeState.JOINING, upSince,
                Optional.empty(), load.get(), partitions, up ? partitions : 0));
    }

    @Override
    public List<PartitionStatus> partitionStatus() {
        OptionalLong leader = metaLeader();
        long[] rows = sizes.rows(partitions);
        long[] bytes = sizes.bytes(partitions);
        List<PartitionStatus> all = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            all.add(new PartitionStatus(p, leader, List.of(new ReplicaStatus(self.id(), ReplicaRole.VOTER, -1)),
                    -1, -1, rows[p], bytes[p]));
        }
        return all;
    }

    @Override
    public ClusterHealth health() {
        return ready.getAsBoolean() ? ClusterHealth.OK : ClusterHealth.UNAVAILABLE;
    }

    @Override
    public ConsistencyCheck consistencyCheck() {
        return () -> {
            List<ConsistencyReport.PartitionCheck> checks = new ArrayList<>(partitions);
            for (int p = 0; p < partitions; p++) {
                checks.add(new ConsistencyReport.PartitionCheck(p, -1, List.of(
                        new ConsistencyReport.ReplicaChecksum(self.id(), Optional.empty(), Optional.empty()))));
            }
            return new ConsistencyReport(checks);
        };
    }

    /** Reads {@code dataDir/cluster.id}, creating it with a random UUID the first time. */
    static String clusterId(Path dataDir) {
        Path file = dataDir.resolve("cluster.id");
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createDirectories(dataDir);
                    Files.writeString(file, UUID.randomUUID() + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException raced) {
                    // Another request created it first; its id wins.
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the cluster id in " + file, e);
        }
    }

    /** Partition {@code p} is the Derby database in {@code partitionsDir/pNNNN} (PartitionSet's layout). */
    static PartitionSizes localSizes(Path partitionsDir, CatalogView catalog) {
        return new PartitionSizes() {
            @Override
            public long[] rows(int partitions) {
                long[] rows = new long[partitions];
                // Reference tables are left out: the catalog counts only one copy of them.
                for (TableSummary t : catalog.tables()) {
                    if (t.kind() != TableKind.DISTRIBUTED) {
                        continue;
                    }
                    for (TableDetails.PartitionRows pr : catalog.table(t.name()).map(TableDetails::partitions)
                            .orElse(List.of())) {
                        if (pr.partition() < partitions) {
                            rows[pr.partition()] += pr.rows();
                        }
                    }
                }
                return rows;
            }

            @Override
            public long[] bytes(int partitions) {
                long[] bytes = new long[partitions];
                for (int p = 0; p < partitions; p++) {
                    bytes[p] = directorySize(partitionsDir.resolve(String.format("p%04d", p)));
                }
                return bytes;
            }
        };
    }

    private static long directorySize(Path dir) {
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // deleted while walking (Derby rotates its log files)
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }
}
