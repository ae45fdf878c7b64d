package org.distdata.transport.message;

/**
 * The receiver of a partition snapshot has stored everything before {@code nextOffset}; the
 * sender continues there (or resends from there after a bad checksum).
 */
public record PartitionSnapshotAck(int partition, long snapshotIndex, long nextOffset) {
}
