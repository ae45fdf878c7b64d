package org.distdata.transport.message;

import java.util.Objects;

/**
 * Asks the leader of partition {@code home} to record the outcome of {@code transactionId}
 * ({@code commit} or abort) unless one is recorded; answered with the {@link TxnDecision} that
 * stands. {@code timeoutMillis} as in {@link TxnPrepare}.
 */
public record TxnDecide(String transactionId, int home, boolean commit, long timeoutMillis) {

    public TxnDecide {
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
