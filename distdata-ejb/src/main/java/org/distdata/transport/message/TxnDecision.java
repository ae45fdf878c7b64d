package org.distdata.transport.message;

/** The answer to {@link TxnDecide}: the outcome recorded first, {@code commit} or abort. */
public record TxnDecision(boolean commit) {
}
