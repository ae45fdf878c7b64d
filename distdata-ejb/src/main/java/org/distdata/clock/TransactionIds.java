package org.distdata.clock;

import java.util.HexFormat;
import java.util.Optional;

/**
 * Transaction ids: the name of the node that began the transaction, a dash, and a
 * {@link HybridClock} timestamp in 16 hex digits ({@code n2-0190c3f5a1b20003}). Unique across
 * the cluster (node names are) and across restarts (the clock is), and they name the node that
 * owns the transaction, so any node can send a client there.
 */
public final class TransactionIds {
    private static final int TIMESTAMP_DIGITS = 16;

    private TransactionIds() {
    }

    public static String of(String nodeName, long timestamp) {
        return nodeName + "-" + HexFormat.of().toHexDigits(timestamp);
    }

    /** The name of the node that began {@code transactionId}; empty when it is not an id of this form. */
    public static Optional<String> owner(String transactionId) {
        int dash = transactionId.lastIndexOf('-');
        if (dash < 1 || transactionId.length() - dash - 1 != TIMESTAMP_DIGITS) {
            return Optional.empty();
        }
        for (int i = dash + 1; i < transactionId.length(); i++) {
            if (Character.digit(transactionId.charAt(i), 16) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(transactionId.substring(0, dash));
    }
}
