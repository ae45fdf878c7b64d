package org.distdata.transport.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * One chunk of a partition's snapshot, streamed to the node a partition moves to (outside
 * Raft; Raft's own catch-up snapshot is {@code Message.SnapshotChunk}). {@code offset} is the
 * chunk's position in the snapshot, {@code crc32c} the CRC-32C of {@code data}, checked by
 * the receiver; {@code last} marks the final chunk. The data array is not copied.
 */
public record PartitionSnapshotChunk(int partition, long snapshotIndex, long offset, byte[] data, boolean last,
                                     long crc32c) {

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionSnapshotChunk c && c.partition == partition
                && c.snapshotIndex == snapshotIndex && c.offset == offset && Arrays.equals(c.data, data)
                && c.last == last && c.crc32c == crc32c;
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, snapshotIndex, offset, last, crc32c) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PartitionSnapshotChunk[partition=" + partition + ", snapshotIndex=" + snapshotIndex + ", offset="
                + offset + ", data=" + (data == null ? "null" : data.length + "B") + ", last=" + last
                + ", crc32c=" + Long.toHexString(crc32c) + "]";
    }
}
