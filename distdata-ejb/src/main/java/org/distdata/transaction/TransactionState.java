package org.distdata.transaction;

import java.time.Instant;

/**
 * What a client is told about an explicit transaction: its id, its status, the base URL of the
 * node that owns it (when announced), when it expires if still idle ({@code null} once it is
 * no longer active), and why it ended when it did not end by its client's request.
 */
public record TransactionState(String transactionId, TransactionStatus status, String node, Instant expiresAt,
                               String reason) {
}
