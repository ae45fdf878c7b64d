package org.distdata.sql.correctness.slt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints result values the way sqllogictest expects them: by the column's declared type
 * letter, {@code I} as an integer (fractions truncated toward zero, as SQLite's
 * {@code column_int64} does), {@code R} with three decimals, {@code T} as text with
 * control characters shown as {@code @}; {@code NULL} for SQL NULL and {@code (empty)} for an
 * empty string.
 */
public final class SltValueFormatter {
    private SltValueFormatter() {
    }

    /** Formats a result row by row into one flat list of values. */
    public static List<String> format(List<List<Object>> rows, String types) {
        List<String> values = new ArrayList<>();
        for (List<Object> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                char type = c < types.length() ? types.charAt(c) : 'T';
                values.add(format(row.get(c), type));
            }
        }
        return values;
    }

    static String format(Object value, char type) {
        if (value == null) {
            return "NULL";
        }
        String text = switch (type) {
            case 'I' -> integer(value);
            case 'R' -> real(value);
            default -> text(value);
        };
        return text.isEmpty() ? "(empty)" : text;
    }

    private static String integer(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Number n) {
            return number(n).setScale(0, RoundingMode.DOWN).toPlainString();
        }
        return Long.toString(leadingInteger(value.toString()));
    }

    private static String real(Object value) {
        double d;
        if (value instanceof Boolean b) {
            d = b ? 1 : 0;
        } else if (value instanceof Number n) {
            d = n.doubleValue();
        } else {
            d = leadingReal(value.toString());
        }
        return String.format(Locale.ROOT, "%.3f", d);
    }

    private static String text(Object value) {
        String s = value instanceof BigDecimal b ? b.toPlainString() : value.toString();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            out.append(ch < 0x20 || ch > 0x7e ? '@' : ch);
        }
        return out.toString();
    }

    private static BigDecimal number(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** SQLite's text-to-integer rule: the longest leading integer prefix, else 0. */
    private static long leadingInteger(String s) {
        String t = s.strip();
        int end = 0;
        if (end < t.length() && (t.charAt(end) == '-' || t.charAt(end) == '+')) {
            end++;
        }
        while (end < t.length() && Character.isDigit(t.charAt(end))) {
            end++;
        }
        try {
            return Long.parseLong(t.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double leadingReal(String s) {
        String t = s.strip();
        for (int end = t.length(); end > 0; end--) {
            try {
                return Double.parseDouble(t.substring(0, end));
            } catch (NumberFormatException ignored) {
                // try a shorter prefix
            }
        }
        return 0;
    }
}
