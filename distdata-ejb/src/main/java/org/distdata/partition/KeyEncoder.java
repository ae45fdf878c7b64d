package org.distdata.partition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;

/**
 * Canonical bytes of a distribution-key value, by the type family of the key column, so
 * that every spelling of one SQL value (5, 5L, 5.0 for an INTEGER key; 'a' and 'a  ' for a
 * CHAR key) hashes alike. A value that cannot be exactly converted to the column's family
 * (5.5 for an INTEGER key) has no encoding: such a predicate cannot prune partitions.
 */
public final class KeyEncoder {

    /** The type families a distribution key can have. */
    public enum Family { INTEGER, DECIMAL, FLOAT, TEXT, FIXED_TEXT, DATE, TIME, TIMESTAMP, BOOLEAN, UNSUPPORTED }

    private KeyEncoder() {
    }

    public static Family family(int jdbcType) {
        return switch (jdbcType) {
            case java.sql.Types.INTEGER, java.sql.Types.SMALLINT, java.sql.Types.BIGINT, java.sql.Types.TINYINT ->
                    Family.INTEGER;
            case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> Family.DECIMAL;
            case java.sql.Types.DOUBLE, java.sql.Types.FLOAT, java.sql.Types.REAL -> Family.FLOAT;
            case java.sql.Types.VARCHAR, java.sql.Types.LONGVARCHAR -> Family.TEXT;
            case java.sql.Types.CHAR -> Family.FIXED_TEXT;
            case java.sql.Types.DATE -> Family.DATE;
            case java.sql.Types.TIME -> Family.TIME;
            case java.sql.Types.TIMESTAMP -> Family.TIMESTAMP;
            case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> Family.BOOLEAN;
            default -> Family.UNSUPPORTED;
        };
    }

    /** Encodes {@code value} for a key column of {@code family}; empty if no exact encoding exists. */
    public static Optional<byte[]> encode(Object value, Family family) {
        if (value == null) {
            return Optional.of(new byte[0]); // NULL keys (allowed for no-PK distribution columns) share a partition
        }
        try {
            return Optional.ofNullable(switch (family) {
                case INTEGER -> integer(value);
                case DECIMAL -> decimal(value);
                case FLOAT -> floating(value);
                case TEXT -> value instanceof String s ? utf8(s) : null;
                case FIXED_TEXT -> value instanceof String s ? utf8(s.stripTrailing()) : null;
                case DATE -> value instanceof LocalDate d ? utf8(d.toString())
                        : value instanceof String s ? utf8(LocalDate.parse(s.trim()).toString()) : null;
                case TIME -> value instanceof LocalTime t ? utf8(t.toString()) : null;
                case TIMESTAMP -> value instanceof LocalDateTime t ? utf8(t.toString()) : null;
                case BOOLEAN -> value instanceof Boolean b ? new byte[] {(byte) (b ? 1 : 0)} : null;
                case UNSUPPORTED -> null;
            });
        } catch (RuntimeException unparseable) {
            return Optional.empty();
        }
    }

    private static byte[] integer(Object value) {
        BigDecimal d = asDecimal(value);
        if (d == null) {
            return null;
        }
        try {
            BigInteger i = d.toBigIntegerExact();
            return ByteBuffer.allocate(8).putLong(i.longValueExact()).array();
        } catch (ArithmeticException notExact) {
            return null;
        }
    }

    private static byte[] decimal(Object value) {
        BigDecimal d = asDecimal(value);
        if (d == null) {
            return null;
        }
        return utf8(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    }

    private static byte[] floating(Object value) {
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else {
            return null;
        }
        if (v == 0.0) {
            v = 0.0; // -0.0 equals 0.0 in SQL
        }
        return ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(v)).array();
    }

    private static BigDecimal asDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            return Double.isFinite(v) ? BigDecimal.valueOf(v) : null;
        }
        if (value instanceof String s) {
            return new BigDecimal(s.trim());
        }
        return null;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
