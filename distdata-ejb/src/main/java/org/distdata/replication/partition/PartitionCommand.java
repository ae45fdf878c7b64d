package org.distdata.replication.partition;

/**
 * An entry of a partition's Raft log. A {@link Commit} carries the write set of one branch
 * that commits in this partition alone. A {@link Checksum} asks every replica to checksum
 * its rows when it applies the entry, so that all replicas checksum the same log position.
 * Two-phase commit adds its own kinds later.
 */
public sealed interface PartitionCommand {

    /** Commits a single-partition write set. */
    record Commit(WriteSet writes) implements PartitionCommand {
    }

    /** Checksums every table of the partition at this entry's index; {@code checkId} names the round. */
    record Checksum(long checkId) implements PartitionCommand {
    }
}
