package org.distdata.cli.generate;

import java.time.LocalDateTime;

/**
 * RFC 4180 CSV text for the generator, written by hand (not String.format) because the
 * generator writes millions of lines.
 */
final class Csv {

    private Csv() {
    }

    /** The value as one CSV field: quoted, with doubled quotes, only if it holds a comma, quote or newline. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static void appendCents(StringBuilder out, long cents) {
        out.append(cents / 100).append('.');
        long fraction = cents % 100;
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    static String timestamp(LocalDateTime time) {
        StringBuilder out = new StringBuilder(19);
        appendTimestamp(out, time);
        return out.toString();
    }

    static void appendTimestamp(StringBuilder out, LocalDateTime time) {
        out.append(time.getYear()).append('-');
        twoDigits(out, time.getMonthValue());
        out.append('-');
        twoDigits(out, time.getDayOfMonth());
        out.append(' ');
        twoDigits(out, time.getHour());
        out.append(':');
        twoDigits(out, time.getMinute());
        out.append(':');
        twoDigits(out, time.getSecond());
    }

    private static void twoDigits(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
