package org.distdata.load;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma-separated fields, double-quoted fields with {@code ""}
 * escapes and embedded line breaks, CRLF or LF line ends. An unquoted empty field reads as
 * null (SQL NULL); a quoted empty field as the empty string. It tracks the physical line
 * number of the record it last returned, for error messages.
 */
final class CsvReader {
    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private int pos;
    private int limit;
    private long line = 0;
    private long nextLine = 1;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** The line on which the last returned record started. */
    long line() {
        return line;
    }

    /** The next record's fields, or null at the end of input. */
    List<String> next() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        line = nextLine;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    throw new MalformedCsvException(line, "unterminated quoted field");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        nextLine++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(wasQuoted || !field.isEmpty() ? field.toString() : null);
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r' || c < 0) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        pushBack();
                    }
                }
                if (c >= 0) {
                    nextLine++;
                }
                fields.add(wasQuoted || !field.isEmpty() ? field.toString() : null);
                if (fields.size() == 1 && fields.get(0) == null) {
                    fields.set(0, "");
                }
                return fields;
            } else if (wasQuoted) {
                throw new MalformedCsvException(line, "unexpected character after a closing quote");
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[pos++];
    }

    private void pushBack() {
        if (pos > 0) {
            pos--;
        }
    }

    /** A record that is not valid CSV. */
    static final class MalformedCsvException extends RuntimeException {
        private final long line;

        MalformedCsvException(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }
}
