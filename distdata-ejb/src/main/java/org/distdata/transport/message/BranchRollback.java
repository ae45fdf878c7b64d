package org.distdata.transport.message;

import java.util.Objects;

/**
 * Asks a partition leader to roll branch ({@code transactionId}, {@code partition}) back and
 * release its locks; answered with {@link BranchEnded}, also for a branch it does not know.
 * {@code timeoutMillis} is what is left of the statement's time limit, 0 for none.
 */
public record BranchRollback(String transactionId, int partition, long timeoutMillis) {

    public BranchRollback {
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
