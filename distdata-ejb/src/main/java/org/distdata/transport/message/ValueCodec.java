package org.distdata.transport.message;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.FrameDecodingException.Reason;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;

/**
 * Encodes the engine's JDBC-neutral SQL values (those {@code org.distdata.relation.JdbcValues}
 * produces and binds) as a one-byte type tag followed by the value. Temporal values are
 * {@code java.time} types, as everywhere in the engine; {@code java.sql} dates, other numeric
 * types and anything else are refused at encode time rather than silently converted.
 *
 * <pre>
 * tag  value            encoding after the tag
 *  0   null             -
 *  1   Boolean false    -
 *  2   Boolean true     -
 *  3   Integer          zig-zag varint
 *  4   Long             zig-zag varint
 *  5   Short            zig-zag varint (must fit 16 bits)
 *  6   Double           8 bytes IEEE 754 big-endian, canonical NaN
 *  7   Float            4 bytes IEEE 754 big-endian, canonical NaN
 *  8   BigDecimal       zig-zag varint scale, bytes: unscaled value, minimal two's complement big-endian
 *  9   String           bytes: UTF-8
 * 10   byte[]           bytes
 * 11   LocalDate        zig-zag varint epoch day
 * 12   LocalTime        varint nano of day
 * 13   LocalDateTime    zig-zag varint epoch day, varint nano of day
 * </pre>
 * "bytes" is a varint length plus one, then the bytes (0, null, is not allowed here).
 */
public final class ValueCodec {

    static final int NULL = 0, FALSE = 1, TRUE = 2, INTEGER = 3, LONG = 4, SHORT = 5, DOUBLE = 6, FLOAT = 7,
            DECIMAL = 8, STRING = 9, BYTES = 10, DATE = 11, TIME = 12, TIMESTAMP = 13;
    private static final int TAGS = 14;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private ValueCodec() {
    }

    /** Whether {@code value} has a wire form: null, or one of the types in the table above. */
    public static boolean isSqlValue(Object value) {
        return value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Double || value instanceof Float
                || value instanceof BigDecimal || value instanceof String || value instanceof byte[]
                || value instanceof LocalDate || value instanceof LocalTime || value instanceof LocalDateTime;
    }

    /**
     * @throws IllegalArgumentException for a value of an unsupported type, or a string with an
     *         unpaired surrogate
     */
    public static void write(PayloadWriter out, Object value) {
        if (value == null) {
            out.writeUnsignedByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeUnsignedByte(b ? TRUE : FALSE);
        } else if (value instanceof Integer i) {
            out.writeUnsignedByte(INTEGER).writeZigZagInt(i);
        } else if (value instanceof Long l) {
            out.writeUnsignedByte(LONG).writeZigZagLong(l);
        } else if (value instanceof Short s) {
            out.writeUnsignedByte(SHORT).writeZigZagInt(s);
        } else if (value instanceof Double d) {
            out.writeUnsignedByte(DOUBLE).writeDouble(d);
        } else if (value instanceof Float f) {
            out.writeUnsignedByte(FLOAT).writeFloat(f);
        } else if (value instanceof BigDecimal d) {
            out.writeUnsignedByte(DECIMAL).writeZigZagInt(d.scale()).writeBytes(d.unscaledValue().toByteArray());
        } else if (value instanceof String s) {
            out.writeUnsignedByte(STRING).writeString(s);
        } else if (value instanceof byte[] bytes) {
            out.writeUnsignedByte(BYTES).writeBytes(bytes);
        } else if (value instanceof LocalDate d) {
            out.writeUnsignedByte(DATE).writeZigZagLong(d.toEpochDay());
        } else if (value instanceof LocalTime t) {
            out.writeUnsignedByte(TIME).writeVarLong(t.toNanoOfDay());
        } else if (value instanceof LocalDateTime ts) {
            out.writeUnsignedByte(TIMESTAMP).writeZigZagLong(ts.toLocalDate().toEpochDay())
                    .writeVarLong(ts.toLocalTime().toNanoOfDay());
        } else {
            throw new IllegalArgumentException("no wire encoding for SQL value of type " + value.getClass().getName());
        }
    }

    public static Object read(PayloadReader in, String field) throws FrameDecodingException {
        int tag = in.readCode(field + " type tag", TAGS);
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INTEGER -> in.readZigZagInt(field);
            case LONG -> in.readZigZagLong(field);
            case SHORT -> readShort(in, field);
            case DOUBLE -> in.readDouble(field);
            case FLOAT -> in.readFloat(field);
            case DECIMAL -> readDecimal(in, field);
            case STRING -> in.readRequiredString(field);
            case BYTES -> in.readRequiredBytes(field);
            case DATE -> readDate(in, field);
            case TIME -> readTime(in, field);
            default -> LocalDateTime.of(readDate(in, field), readTime(in, field));
        };
    }

    private static Short readShort(PayloadReader in, String field) throws FrameDecodingException {
        int at = in.offset();
        int v = in.readZigZagInt(field);
        if (v != (short) v) {
            throw bad(field, at, "SMALLINT value " + v + " out of range");
        }
        return (short) v;
    }

    private static BigDecimal readDecimal(PayloadReader in, String field) throws FrameDecodingException {
        int scale = in.readZigZagInt(field + " scale");
        int at = in.offset();
        byte[] unscaled = in.readRequiredBytes(field + " unscaled value");
        if (unscaled.length == 0) {
            throw bad(field, at, "empty unscaled value");
        }
        // Minimal two's complement: no leading byte that only repeats the sign of the next.
        if (unscaled.length > 1 && ((unscaled[0] == 0 && unscaled[1] >= 0) || (unscaled[0] == -1 && unscaled[1] < 0))) {
            throw bad(field, at, "unscaled value is not minimally encoded");
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static LocalDate readDate(PayloadReader in, String field) throws FrameDecodingException {
        int at = in.offset();
        long epochDay = in.readZigZagLong(field + " epoch day");
        if (epochDay < LocalDate.MIN.toEpochDay() || epochDay > LocalDate.MAX.toEpochDay()) {
            throw bad(field, at, "epoch day " + epochDay + " out of range");
        }
        return LocalDate.ofEpochDay(epochDay);
    }

    private static LocalTime readTime(PayloadReader in, String field) throws FrameDecodingException {
        int at = in.offset();
        long nanos = in.readVarLong(field + " nano of day");
        if (nanos < 0 || nanos >= NANOS_PER_DAY) {
            throw bad(field, at, "nano of day " + Long.toUnsignedString(nanos) + " out of range");
        }
        return LocalTime.ofNanoOfDay(nanos);
    }

    private static FrameDecodingException bad(String field, int at, String what) {
        return new FrameDecodingException(Reason.BAD_VALUE, field + " at offset " + at + ": " + what);
    }
}
