package org.distdata.cluster;

import java.util.List;
import java.util.OptionalLong;

/**
 * One line of {@code GET /api/v1/partitions}: a partition's current leader (empty while it
 * has none), its replicas, its Raft term and commit index, and its size in rows and bytes.
 * A number that is not known is -1 (the API shows it as null): a single node without Raft
 * has no term, and counting rows may be too costly for an implementation to offer.
 */
public record PartitionStatus(int id, OptionalLong leader, List<ReplicaStatus> replicas, long term, long commitIndex,
                              long rows, long bytes) {
    public PartitionStatus {
        replicas = List.copyOf(replicas);
    }
}
