package org.distdata.partition;

import java.util.Objects;

/**
 * One partition's share of a write transaction: the transaction's id (unique cluster-wide,
 * chosen by the gateway that began it) and the partition. A partition leader keeps one live
 * Derby transaction per branch until the gateway commits or rolls it back.
 */
public record TxnBranch(String transactionId, int partition) {

    public TxnBranch {
        Objects.requireNonNull(transactionId, "transactionId");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
    }
}
