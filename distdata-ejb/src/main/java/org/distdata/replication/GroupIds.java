package org.distdata.replication;

/**
 * The Raft group ids of one cluster: group 0 is the meta group, and partition {@code p}
 * replicates in group {@code p + 1}.
 */
public final class GroupIds {

    /** The meta group: catalog, users, keys, settings, nodes and the partition map. */
    public static final long META = 0;

    private GroupIds() {
    }

    public static long ofPartition(int partition) {
        return partition + 1L;
    }

    /** The partition replicated in {@code group}; fails for the meta group. */
    public static int partitionOf(long group) {
        if (group <= META || group > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("group " + group + " is not a partition group");
        }
        return (int) (group - 1);
    }
}
