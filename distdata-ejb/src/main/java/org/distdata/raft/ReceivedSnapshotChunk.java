package org.distdata.raft;

/**
 * A chunk of a snapshot this replica is receiving, in order, for the application to stage;
 * once the last chunk is in, {@link Ready#installSnapshot()} says to install it.
 */
public record ReceivedSnapshotChunk(SnapshotMeta meta, long offset, byte[] data) {
}
