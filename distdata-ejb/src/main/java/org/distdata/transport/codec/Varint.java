package org.distdata.transport.codec;

import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints and zig-zag mapping, shared by the frame header and payloads.
 * Seven value bits per byte, least significant group first, high bit set on every byte but
 * the last; a 64-bit value takes at most 10 bytes. Encoding is canonical (no redundant
 * trailing zero groups) and decoders reject anything else, so a decoded value re-encodes to
 * the bytes it came from. Reading lives in {@link PayloadReader}, which knows its bounds.
 */
public final class Varint {

    /** The most bytes a 64-bit varint takes. */
    public static final int MAX_BYTES = 10;

    private Varint() {
    }

    /** Bytes {@code value}, read as unsigned 64 bits, takes as a varint: 1 to 10. */
    public static int size(long value) {
        // 64 significant bits need 10 groups; 0 needs one.
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    /** Bytes {@code value}, read as unsigned 32 bits, takes as a varint: 1 to 5. */
    public static int size(int value) {
        return size(Integer.toUnsignedLong(value));
    }

    /** Writes {@code value} as an unsigned 64-bit varint at the buffer's position. */
    public static void write(ByteBuffer out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    /** Writes {@code value} into {@code out} at {@code offset}; returns the offset after it. */
    public static int write(byte[] out, int offset, long value) {
        while ((value & ~0x7FL) != 0) {
            out[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    /** Maps signed to unsigned so that small magnitudes stay small: 0, -1, 1, -2 → 0, 1, 2, 3. */
    public static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    public static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    public static int zigZag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    public static int unZigZag(int value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
