package org.distdata.load;

import org.distdata.partition.ColumnDef;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * Converts a CSV field to the Java value of its column's type, rejecting what the column
 * cannot hold (a word in an INTEGER column, a string longer than a VARCHAR's length) with
 * an {@link IllegalArgumentException} whose message names the problem.
 */
final class CsvValues {
    private CsvValues() {
    }

    static Object convert(String field, ColumnDef column) {
        if (field == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException("NULL (empty field) in a NOT NULL column");
            }
            return null;
        }
        try {
            return switch (column.jdbcType()) {
                case Types.SMALLINT -> (int) Short.parseShort(field.trim());
                case Types.INTEGER -> Integer.parseInt(field.trim());
                case Types.BIGINT -> Long.parseLong(field.trim());
                case Types.DECIMAL, Types.NUMERIC -> decimal(field, column);
                case Types.DOUBLE, Types.FLOAT -> Double.parseDouble(field.trim());
                case Types.REAL -> Float.parseFloat(field.trim());
                case Types.BOOLEAN -> bool(field);
                case Types.DATE -> LocalDate.parse(field.trim());
                case Types.TIME -> LocalTime.parse(field.trim());
                case Types.TIMESTAMP -> LocalDateTime.parse(field.trim().replace(' ', 'T'));
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB -> text(field, column);
                case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> Base64.getDecoder().decode(field);
                default -> field;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + abbreviate(field) + "' is not a valid " + column.ddlType());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + abbreviate(field) + "' is not a valid ISO-8601 " + column.ddlType());
        }
    }

    private static BigDecimal decimal(String field, ColumnDef column) {
        BigDecimal d = new BigDecimal(field.trim());
        if (d.scale() > column.scale() && d.stripTrailingZeros().scale() > column.scale()) {
            throw new IllegalArgumentException("'" + field + "' has more than " + column.scale() + " decimal places");
        }
        if (d.precision() - d.scale() > column.size() - column.scale()) {
            throw new IllegalArgumentException("'" + field + "' does not fit " + column.ddlType());
        }
        return d;
    }

    private static Boolean bool(String field) {
        return switch (field.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes" -> Boolean.TRUE;
            case "false", "f", "0", "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + abbreviate(field) + "' is not a BOOLEAN");
        };
    }

    private static String text(String field, ColumnDef column) {
        if (column.jdbcType() != Types.CLOB && column.jdbcType() != Types.LONGVARCHAR
                && field.codePointCount(0, field.length()) > column.size()) {
            throw new IllegalArgumentException("value of " + field.length() + " characters is longer than "
                    + column.ddlType());
        }
        return field;
    }

    private static String abbreviate(String s) {
        String one = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return new String(one.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
