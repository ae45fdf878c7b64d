package org.distdata.transport.message;

import java.util.Objects;

/**
 * Two-phase commit, phase two: asks the leader of {@code partition} to commit or discard the
 * prepared branch ({@code transactionId}, {@code partition}); answered with
 * {@link BranchEnded} once that is applied. {@code timeoutMillis} as in {@link TxnPrepare}.
 */
public record TxnFinish(String transactionId, int partition, boolean commit, long timeoutMillis) {

    public TxnFinish {
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
