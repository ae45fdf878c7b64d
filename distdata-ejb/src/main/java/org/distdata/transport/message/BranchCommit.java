package org.distdata.transport.message;

import java.util.Objects;

/**
 * Asks a partition leader to commit branch ({@code transactionId}, {@code partition})
 * through the partition's Raft group; answered with {@link BranchEnded} once the commit is
 * durable on a quorum. {@code recordOutcome}: the commit also records the transaction's
 * outcome in the partition (an explicit transaction). {@code timeoutMillis} is what is left
 * of the statement's time limit, 0 for none.
 */
public record BranchCommit(String transactionId, int partition, boolean recordOutcome, long timeoutMillis) {

    public BranchCommit {
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
