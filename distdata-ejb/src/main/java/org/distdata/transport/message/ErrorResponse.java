package org.distdata.transport.message;

/**
 * The generic failure answer to a request that has no failure message of its own: the
 * handler threw, the message type is unknown to the receiver ({@code UNSUPPORTED}), the node
 * is shutting down. Sent in a frame flagged {@code RESPONSE | ERROR}; {@code code} follows
 * API.md's error codes.
 */
public record ErrorResponse(String code, String message) {
}
