package org.distdata.raft;

/**
 * The bytes of a local snapshot, read in chunks when a leader sends it to a follower that
 * is too far behind. The application provides it (a Derby backup, or in the simulation a
 * byte array); the Raft core only reads ranges of it.
 */
public interface SnapshotSource {

    long size();

    /** Up to {@code length} bytes starting at {@code offset}. */
    byte[] read(long offset, int length);

    /** A snapshot held in memory. */
    static SnapshotSource of(byte[] bytes) {
        return new SnapshotSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                int from = (int) Math.min(offset, bytes.length);
                int to = (int) Math.min(bytes.length, offset + length);
                return java.util.Arrays.copyOfRange(bytes, from, to);
            }
        };
    }
}
