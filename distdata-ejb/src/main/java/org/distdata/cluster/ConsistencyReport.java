package org.distdata.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a {@link ConsistencyCheck}: per partition, the applied index the replicas
 * were compared at (-1 when there is no log) and each replica's checksum of its data at
 * that index, or the error that kept it from answering. A partition is consistent when it
 * has replicas, none failed and all checksums are equal; the cluster is consistent when
 * every partition is. The flags are derived, so they cannot contradict the checksums.
 */
public record ConsistencyReport(List<PartitionCheck> partitions) {

    public ConsistencyReport {
        partitions = List.copyOf(partitions);
    }

    /** True when every partition is consistent. */
    public boolean consistent() {
        return partitions.stream().allMatch(PartitionCheck::consistent);
    }

    /**
     * One partition's replicas compared at {@code appliedIndex}.
     */
    public record PartitionCheck(int partition, long appliedIndex, List<ReplicaChecksum> replicas) {
        public PartitionCheck {
            replicas = List.copyOf(replicas);
        }

        public boolean consistent() {
            return !replicas.isEmpty()
                    && replicas.stream().allMatch(r -> r.error().isEmpty())
                    && replicas.stream().map(ReplicaChecksum::checksum).distinct().count() == 1;
        }
    }

    /**
     * One replica's answer: its checksum (empty when the implementation has nothing to
     * compare, as with a lone replica) or the error that kept it from answering.
     */
    public record ReplicaChecksum(long node, Optional<String> checksum, Optional<String> error) {
        public ReplicaChecksum {
            Objects.requireNonNull(checksum, "checksum");
            Objects.requireNonNull(error, "error");
        }

        public static ReplicaChecksum of(long node, String checksum) {
            return new ReplicaChecksum(node, Optional.of(checksum), Optional.empty());
        }

        public static ReplicaChecksum failed(long node, String error) {
            return new ReplicaChecksum(node, Optional.empty(), Optional.of(error));
        }
    }
}
