package org.distdata.cluster;

/**
 * Compares the replicas of every partition at one applied index and reports which agree
 * ({@code POST /api/v1/cluster/check}, {@code bin/distdata check}). It may take as long as
 * checksumming the data takes; a replica that cannot answer is reported, not thrown.
 */
@FunctionalInterface
public interface ConsistencyCheck {
    ConsistencyReport run();
}
