package org.distdata.transport.message;

/**
 * A fragment failed: {@code code} is one of API.md's error codes (for example
 * {@code QUERY_TIMEOUT}), {@code message} the text for the user. Sent in a frame flagged
 * {@code RESPONSE | ERROR}, it ends the fragment's stream.
 */
public record FragmentError(long queryId, int fragmentId, String code, String message) {
}
