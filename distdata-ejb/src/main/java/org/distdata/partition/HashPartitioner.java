package org.distdata.partition;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Maps a distribution-key value to its partition: murmur3 (x86, 32-bit) of the value's
 * canonical encoding, modulo the partition count. Equal SQL values of one type family
 * always land in the same partition, which is what makes co-location work.
 */
public final class HashPartitioner {
    private final int partitions;

    public HashPartitioner(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive");
        }
        this.partitions = partitions;
    }

    public int partitions() {
        return partitions;
    }

    /** The partition of an already canonical key (see {@link KeyEncoder}). */
    public int partitionOf(byte[] canonicalKey) {
        return Math.floorMod(MurmurHash3.hash32x86(canonicalKey), partitions);
    }
}
