package org.distdata.transport.message;

/**
 * The answer to {@link TxnPrepare}: {@code prepared} is true when the branch's writes are
 * prepared in its group, false when it wrote nothing and simply ended.
 */
public record TxnVote(boolean prepared) {
}
