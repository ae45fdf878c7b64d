package org.distdata.replication.partition;

/**
 * An entry of a partition's Raft log. A {@link Commit} carries the write set of one branch
 * that commits in this partition alone. Two-phase commit across partitions (ADR 0015) adds
 * {@link Prepare} in every participant, {@link Decide} in the transaction's home partition
 * and {@link Finish} in every participant again. A {@link Checksum} asks every replica to
 * checksum its rows when it applies the entry, so that all replicas checksum the same log
 * position.
 */
public sealed interface PartitionCommand {

    /**
     * Commits a single-partition write set. {@code recordedAs} names the explicit transaction
     * whose outcome the commit also records in the partition, as a {@link Decide} would (null:
     * an autocommit statement, nothing recorded): an abort recorded there first — a client
     * settling an unknown outcome — wins, and the commit then changes nothing.
     */
    record Commit(String recordedAs, WriteSet writes) implements PartitionCommand {
        public Commit(WriteSet writes) {
            this(null, writes);
        }
    }

    /**
     * Phase one in a participant: the branch's writes, kept aside by every replica until the
     * transaction's outcome is known (the leader keeps them in its live transaction, locks and
     * all). {@code home} is the partition whose group holds the decision.
     */
    record Prepare(String transactionId, int home, WriteSet writes) implements PartitionCommand {
    }

    /** The outcome of a transaction, in its home partition; the first Decide of a transaction wins. */
    record Decide(String transactionId, boolean commit) implements PartitionCommand {
    }

    /** Phase two in a participant: apply ({@code commit}) or discard the prepared writes. */
    record Finish(String transactionId, boolean commit) implements PartitionCommand {
    }

    /** Checksums every table of the partition at this entry's index; {@code checkId} names the round. */
    record Checksum(long checkId) implements PartitionCommand {
    }
}
