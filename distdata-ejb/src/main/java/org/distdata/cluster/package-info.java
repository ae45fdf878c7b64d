/**
 * The engine-side model of the cluster, plain Java: who the members are
 * ({@link org.distdata.cluster.ClusterMembers}, {@link org.distdata.cluster.ClusterConfig}),
 * where partition replicas live ({@link org.distdata.cluster.PartitionMap}), who is alive
 * ({@link org.distdata.cluster.FailureDetector}), and the read-only
 * {@link org.distdata.cluster.ClusterView} that the API and the console show, with its
 * {@link org.distdata.cluster.ConsistencyCheck}. Nothing here does I/O on the network or
 * reads a clock except {@link org.distdata.cluster.SingleNodeClusterView#of}, the
 * stand-in for a node that runs alone.
 */
package org.distdata.cluster;
