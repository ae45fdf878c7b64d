package org.distdata.cluster;

import java.util.List;
import java.util.OptionalLong;

/**
 * The cluster as one node sees it, read-only: what the cluster endpoints of the API and the
 * console show. Node references are node ids ({@link ClusterNode#id()}). A single node
 * answers with {@link SingleNodeClusterView}; the replicated cluster plugs in its own
 * implementation behind this interface.
 */
public interface ClusterView {

    /** A stable identifier of the cluster, fixed when it was initialised. */
    String clusterId();

    /** The number of hash partitions P. */
    int partitions();

    /** The target number of replicas per partition. */
    int replicationFactor();

    /** The node leading the meta group, empty while there is none (election, no quorum). */
    OptionalLong metaLeader();

    /** Every member, with its state and the replicas and leaderships it holds, by ascending id. */
    List<ClusterNode> nodes();

    /** Every partition, by ascending id. */
    List<PartitionStatus> partitionStatus();

    ClusterHealth health();

    /** The check that compares the replicas of every partition. */
    ConsistencyCheck consistencyCheck();
}
