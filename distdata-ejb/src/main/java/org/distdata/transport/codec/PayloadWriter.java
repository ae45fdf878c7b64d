package org.distdata.transport.codec;

import java.util.Arrays;

/**
 * Builds a payload field by field into a growing byte array: varints, zig-zag varints,
 * fixed-width numbers, booleans, and nullable length-prefixed byte arrays and UTF-8 strings.
 * {@link PayloadReader} reads the same fields back. Not thread-safe; one writer per message.
 */
public final class PayloadWriter {

    private byte[] buf;
    private int size;

    public PayloadWriter() {
        this(64);
    }

    public PayloadWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** The bytes written so far, as a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public PayloadWriter writeUnsignedByte(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("not an unsigned byte: " + value);
        }
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    public PayloadWriter writeBoolean(boolean value) {
        ensure(1);
        buf[size++] = (byte) (value ? 1 : 0);
        return this;
    }

    /** {@code value} as an unsigned 64-bit varint (negative values take 10 bytes). */
    public PayloadWriter writeVarLong(long value) {
        ensure(Varint.MAX_BYTES);
        size = Varint.write(buf, size, value);
        return this;
    }

    /** {@code value}'s 32 bits as an unsigned varint (negative values take 5 bytes). */
    public PayloadWriter writeVarInt(int value) {
        return writeVarLong(Integer.toUnsignedLong(value));
    }

    public PayloadWriter writeZigZagLong(long value) {
        return writeVarLong(Varint.zigZag(value));
    }

    public PayloadWriter writeZigZagInt(int value) {
        return writeVarInt(Varint.zigZag(value));
    }

    /** An element count or enum code: a non-negative int. */
    public PayloadWriter writeCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count: " + count);
        }
        return writeVarLong(count);
    }

    /** Eight bytes, big-endian. */
    public PayloadWriter writeFixed64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Four bytes, big-endian. */
    public PayloadWriter writeFixed32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** IEEE 754 bits, every NaN written as the canonical NaN. */
    public PayloadWriter writeDouble(double value) {
        return writeFixed64(Double.doubleToLongBits(value));
    }

    /** IEEE 754 bits, every NaN written as the canonical NaN. */
    public PayloadWriter writeFloat(float value) {
        return writeFixed32(Float.floatToIntBits(value));
    }

    /** Varint 0 for null, else the length plus one and the bytes. */
    public PayloadWriter writeBytes(byte[] value) {
        if (value == null) {
            return writeVarLong(0);
        }
        writeVarLong(value.length + 1L);
        ensure(value.length);
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;
        return this;
    }

    /**
     * Varint 0 for null, else the UTF-8 length plus one and the UTF-8 bytes. A string with an
     * unpaired surrogate has no UTF-8 form and is refused rather than silently altered.
     */
    public PayloadWriter writeString(String value) {
        if (value == null) {
            return writeVarLong(0);
        }
        int length = utf8Length(value);
        writeVarLong(length + 1L);
        ensure(length);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xC0 | (c >> 6));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                buf[size++] = (byte) (0xF0 | (cp >> 18));
                buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[size++] = (byte) (0xE0 | (c >> 12));
                buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return this;
    }

    private static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    length += 4;
                    i++;
                } else {
                    throw new IllegalArgumentException("unpaired surrogate at index " + i + " has no UTF-8 encoding");
                }
            } else {
                length += 3;
            }
        }
        return length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                if ((long) size + more > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("payload over 2 GiB");
                }
                wanted = Integer.MAX_VALUE - 8;
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
