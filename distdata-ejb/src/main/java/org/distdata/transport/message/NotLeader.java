package org.distdata.transport.message;

/**
 * A partition call reached a node that does not lead {@code partition}; nothing was done.
 * {@code leaderHint} names the node that leads it as far as the answering node knows, 0 when
 * unknown. Sent in a frame flagged {@code RESPONSE | ERROR}.
 */
public record NotLeader(int partition, long leaderHint) {
}
