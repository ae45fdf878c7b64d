package org.distdata.transport.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.distdata.transport.codec.FrameDecodingException.Reason;

/**
 * Reads the fields {@link PayloadWriter} writes, from a bounded region of bytes, and turns
 * anything malformed into a {@link FrameDecodingException} naming the field and its offset.
 * Every length and element count is checked against the bytes that are left before anything
 * is allocated, so a hostile length can never make the reader allocate more than the region
 * it reads from. Each field name argument only labels error messages.
 */
public final class PayloadReader {

    private final ByteBuffer buf;
    /** The buffer's backing array when it has one (indexes shifted by {@link #base}); else null. */
    private final byte[] array;
    private final int base;
    private final int start;
    private final int limit;
    private int pos;

    /** Reads {@code bytes} from first to last. */
    public PayloadReader(byte[] bytes) {
        this(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** Reads {@code buf} from index {@code from} up to {@code to} (exclusive), ignoring its position. */
    public PayloadReader(ByteBuffer buf, int from, int to) {
        if (from < 0 || to < from || to > buf.limit()) {
            throw new IndexOutOfBoundsException("region [" + from + ", " + to + ") of a buffer of " + buf.limit());
        }
        this.buf = buf;
        this.array = buf.hasArray() ? buf.array() : null;
        this.base = buf.hasArray() ? buf.arrayOffset() : 0;
        this.start = from;
        this.limit = to;
        this.pos = from;
    }

    /** Offset of the next field from the start of the region. */
    public int offset() {
        return pos - start;
    }

    public int remaining() {
        return limit - pos;
    }

    /** Index of the next byte in the underlying buffer. */
    public int position() {
        return pos;
    }

    /** Throws unless every byte has been read: leftovers mean the peer and this node disagree on the layout. */
    public void expectEnd(String what) throws FrameDecodingException {
        if (pos != limit) {
            throw new FrameDecodingException(Reason.TRAILING_BYTES,
                    remaining() + " unexpected trailing byte(s) after " + what + " at offset " + offset());
        }
    }

    /** One byte, 0 to 255. */
    public int readUnsignedByte(String field) throws FrameDecodingException {
        need(1, field);
        return byteAt(pos++) & 0xFF;
    }

    /** A byte that must be 0 (false) or 1 (true). */
    public boolean readBoolean(String field) throws FrameDecodingException {
        int at = offset();
        int b = readUnsignedByte(field);
        if (b > 1) {
            throw new FrameDecodingException(Reason.BAD_VALUE,
                    field + " at offset " + at + ": boolean byte must be 0 or 1, was " + b);
        }
        return b == 1;
    }

    /** An unsigned 64-bit varint; values past {@link Long#MAX_VALUE} come back negative. */
    public long readVarLong(String field) throws FrameDecodingException {
        int at = offset();
        long result = 0;
        for (int i = 0; i < Varint.MAX_BYTES; i++) {
            if (pos >= limit) {
                throw new FrameDecodingException(Reason.TRUNCATED,
                        field + " at offset " + at + ": varint runs past the end (" + i + " byte(s) read)");
            }
            int b = byteAt(pos++) & 0xFF;
            if (i == Varint.MAX_BYTES - 1 && b > 1) {
                throw new FrameDecodingException(Reason.MALFORMED_VARINT,
                        field + " at offset " + at + ": varint longer than 10 bytes or over 64 bits");
            }
            result |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new FrameDecodingException(Reason.MALFORMED_VARINT,
                            field + " at offset " + at + ": varint is not minimally encoded");
                }
                return result;
            }
        }
        throw new AssertionError("unreachable: the tenth byte either ends the varint or is rejected");
    }

    /** An unsigned 32-bit varint, returned as the int with those 32 bits. */
    public int readVarInt(String field) throws FrameDecodingException {
        int at = offset();
        long v = readVarLong(field);
        if ((v & ~0xFFFF_FFFFL) != 0) {
            throw new FrameDecodingException(Reason.MALFORMED_VARINT,
                    field + " at offset " + at + ": varint " + Long.toUnsignedString(v) + " overflows 32 bits");
        }
        return (int) v;
    }

    /** A zig-zag encoded signed 64-bit varint. */
    public long readZigZagLong(String field) throws FrameDecodingException {
        return Varint.unZigZag(readVarLong(field));
    }

    /** A zig-zag encoded signed 32-bit varint. */
    public int readZigZagInt(String field) throws FrameDecodingException {
        return Varint.unZigZag(readVarInt(field));
    }

    /** A varint that must lie in {@code [0, bound)}: an enum code or a type tag. */
    public int readCode(String field, int bound) throws FrameDecodingException {
        int at = offset();
        long v = readVarLong(field);
        if (v < 0 || v >= bound) {
            throw new FrameDecodingException(Reason.BAD_VALUE,
                    field + " at offset " + at + ": code " + Long.toUnsignedString(v) + " is not one of 0.." + (bound - 1));
        }
        return (int) v;
    }

    /**
     * An element count, checked against what is left: each element takes at least
     * {@code minBytesPerElement} bytes, so a count the rest of the payload cannot hold is rejected
     * before anything is allocated for it.
     */
    public int readCount(String field, int minBytesPerElement) throws FrameDecodingException {
        int at = offset();
        long n = readVarLong(field);
        if (n < 0 || n > remaining() / Math.max(1, minBytesPerElement)) {
            throw new FrameDecodingException(Reason.BAD_LENGTH, field + " at offset " + at + ": count "
                    + Long.toUnsignedString(n) + " exceeds what the remaining " + remaining() + " byte(s) can hold");
        }
        return (int) n;
    }

    /** Eight bytes, big-endian. */
    public long readFixed64(String field) throws FrameDecodingException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (byteAt(pos++) & 0xFF);
        }
        return v;
    }

    /** Four bytes, big-endian. */
    public int readFixed32(String field) throws FrameDecodingException {
        need(4, field);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | (byteAt(pos++) & 0xFF);
        }
        return v;
    }

    /** An IEEE 754 double; NaN must be the canonical NaN, the only one writers produce. */
    public double readDouble(String field) throws FrameDecodingException {
        int at = offset();
        long bits = readFixed64(field);
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d) && bits != Double.doubleToLongBits(Double.NaN)) {
            throw new FrameDecodingException(Reason.BAD_VALUE, field + " at offset " + at + ": non-canonical NaN");
        }
        return d;
    }

    /** An IEEE 754 float; NaN must be the canonical NaN, the only one writers produce. */
    public float readFloat(String field) throws FrameDecodingException {
        int at = offset();
        int bits = readFixed32(field);
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f) && bits != Float.floatToIntBits(Float.NaN)) {
            throw new FrameDecodingException(Reason.BAD_VALUE, field + " at offset " + at + ": non-canonical NaN");
        }
        return f;
    }

    /** A nullable byte array: varint 0 for null, else its length plus one, then the bytes. */
    public byte[] readBytes(String field) throws FrameDecodingException {
        int n = readNullableLength(field);
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        buf.get(pos, bytes);
        pos += n;
        return bytes;
    }

    /** Like {@link #readBytes} but null is not allowed. */
    public byte[] readRequiredBytes(String field) throws FrameDecodingException {
        int at = offset();
        byte[] bytes = readBytes(field);
        if (bytes == null) {
            throw new FrameDecodingException(Reason.BAD_VALUE, field + " at offset " + at + ": must not be null");
        }
        return bytes;
    }

    /** A nullable string: like {@link #readBytes}, the bytes being well-formed UTF-8. */
    public String readString(String field) throws FrameDecodingException {
        int at = offset();
        int n = readNullableLength(field);
        if (n < 0) {
            return null;
        }
        int bad = firstMalformedUtf8(pos, pos + n);
        if (bad >= 0) {
            throw new FrameDecodingException(Reason.BAD_UTF8, field + " at offset " + at
                    + ": not well-formed UTF-8 (byte " + (bad - pos) + " of " + n + ")");
        }
        String s;
        if (array != null) {
            s = new String(array, base + pos, n, StandardCharsets.UTF_8);
        } else {
            byte[] bytes = new byte[n];
            buf.get(pos, bytes);
            s = new String(bytes, StandardCharsets.UTF_8);
        }
        pos += n;
        return s;
    }

    /**
     * Index of the first byte of [from, to) that breaks well-formed UTF-8 (RFC 3629: no
     * overlong forms, no surrogates, nothing above U+10FFFF), or -1. Checked here, because
     * {@code new String(bytes, UTF_8)} would quietly replace such bytes.
     */
    private int firstMalformedUtf8(int from, int to) {
        int i = from;
        if (array != null) {
            while (i < to && array[base + i] >= 0) {
                i++;
            }
        }
        while (i < to) {
            int b = byteAt(i) & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                if (b == 0xE0) {
                    lo = 0xA0;
                } else if (b == 0xED) {
                    hi = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                if (b == 0xF0) {
                    lo = 0x90;
                } else if (b == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                return i;
            }
            if (to - i <= extra) {
                return i;
            }
            int second = byteAt(i + 1) & 0xFF;
            if (second < lo || second > hi) {
                return i;
            }
            for (int k = 2; k <= extra; k++) {
                if ((byteAt(i + k) & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += extra + 1;
        }
        return -1;
    }

    /** Like {@link #readString} but null is not allowed. */
    public String readRequiredString(String field) throws FrameDecodingException {
        int at = offset();
        String s = readString(field);
        if (s == null) {
            throw new FrameDecodingException(Reason.BAD_VALUE, field + " at offset " + at + ": must not be null");
        }
        return s;
    }

    /** -1 for null, else a length that fits in what is left. */
    private int readNullableLength(String field) throws FrameDecodingException {
        int at = offset();
        long n = readVarLong(field);
        if (n == 0) {
            return -1;
        }
        long length = n - 1;
        if (n < 0 || length > remaining()) {
            throw new FrameDecodingException(Reason.BAD_LENGTH, field + " at offset " + at + ": length "
                    + Long.toUnsignedString(length) + " exceeds the remaining " + remaining() + " byte(s)");
        }
        return (int) length;
    }

    private byte byteAt(int index) {
        return array != null ? array[base + index] : buf.get(index);
    }

    private void need(int bytes, String field) throws FrameDecodingException {
        if (limit - pos < bytes) {
            throw new FrameDecodingException(Reason.TRUNCATED, field + " at offset " + offset() + ": needs "
                    + bytes + " byte(s), " + remaining() + " left");
        }
    }
}
