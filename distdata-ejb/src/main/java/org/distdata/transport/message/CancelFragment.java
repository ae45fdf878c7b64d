package org.distdata.transport.message;

/**
 * Tells the node running a fragment to stop it and release its resources: the query was
 * cancelled, timed out or failed elsewhere. Sent one-way with the {@code CANCEL} flag and
 * the request id of the fragment's {@link FragmentRequest}.
 */
public record CancelFragment(long queryId, int fragmentId) {
}
