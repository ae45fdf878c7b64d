package org.distdata.sql.stats;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * An estimate of how many distinct values a column holds, in a fixed 4 KiB whatever the
 * row count (HyperLogLog with 2^12 registers: about 1.6 % standard error). Sketches of the
 * partitions of a table merge into the table's sketch without rereading any row, which is
 * why ANALYZE can run per partition.
 */
public final class HyperLogLog {

    private static final int PRECISION = 12;
    private static final int REGISTERS = 1 << PRECISION;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

    private final byte[] registers;

    public HyperLogLog() {
        this(new byte[REGISTERS]);
    }

    private HyperLogLog(byte[] registers) {
        this.registers = registers;
    }

    /** Adds a value by its canonical text (the caller renders numbers, dates and strings canonically). */
    public void add(String canonicalValue) {
        byte[] bytes = canonicalValue.getBytes(StandardCharsets.UTF_8);
        addHash(MurmurHash3.hash128x64(bytes, 0, bytes.length, 0x5eed)[0]);
    }

    void addHash(long hash) {
        int index = (int) (hash >>> (64 - PRECISION));
        long rest = hash << PRECISION;
        int rank = rest == 0 ? 64 - PRECISION + 1 : Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** The estimated number of distinct values added (to this sketch or any merged into it). */
    public long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double raw = ALPHA * REGISTERS * REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && zeros > 0) {
            raw = REGISTERS * Math.log((double) REGISTERS / zeros); // linear counting for small sets
        }
        return Math.round(raw);
    }

    /** This sketch absorbs {@code other}: afterwards it estimates the union. */
    public HyperLogLog merge(HyperLogLog other) {
        for (int i = 0; i < REGISTERS; i++) {
            registers[i] = (byte) Math.max(registers[i], other.registers[i]);
        }
        return this;
    }

    /** The registers, for keeping the sketch in the catalog. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(1 + REGISTERS).put((byte) PRECISION).put(registers).array();
    }

    public static HyperLogLog fromBytes(byte[] bytes) {
        if (bytes.length != 1 + REGISTERS || bytes[0] != PRECISION) {
            throw new IllegalArgumentException("not a HyperLogLog sketch of precision " + PRECISION);
        }
        return new HyperLogLog(Arrays.copyOfRange(bytes, 1, bytes.length));
    }
}
