package org.distdata.transport.message;

import java.util.Objects;

/**
 * Two-phase commit, phase one: asks the leader of {@code partition} to prepare branch
 * ({@code transactionId}, {@code partition}) through the partition's group, with {@code home}
 * as the partition holding the decision; answered with {@link TxnVote}. {@code timeoutMillis}
 * is what is left of the statement's time limit, 0 for none.
 */
public record TxnPrepare(String transactionId, int partition, int home, long timeoutMillis) {

    public TxnPrepare {
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
