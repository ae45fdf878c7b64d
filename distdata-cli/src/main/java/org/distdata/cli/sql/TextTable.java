package org.distdata.cli.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders rows of text as an aligned table in the style of psql:
 * <pre>
 *  ID | NAME
 * ----+------
 *   1 | Ada
 * (1 row)
 * </pre>
 * Columns flagged as numeric are right-aligned, the others left-aligned. Widths count
 * code points, so accented names do not skew the columns.
 */
public final class TextTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers, boolean[] rightAligned) {
        if (headers.size() != rightAligned.length) {
            throw new IllegalArgumentException("one alignment per header");
        }
        this.headers = List.copyOf(headers);
        this.rightAligned = rightAligned.clone();
    }

    public void addRow(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size() + " columns");
        }
        rows.add(List.copyOf(cells));
    }

    public int rowCount() {
        return rows.size();
    }

    /** The table followed by the row-count footer, each line ending in a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(firstLine(row.get(c))));
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, headers, widths, true);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "-" : "+-").append("-".repeat(widths[c])).append("-");
        }
        out.append('\n');
        for (List<String> row : rows) {
            appendLine(out, row, widths, false);
        }
        out.append(rows.size() == 1 ? "(1 row)" : "(" + rows.size() + " rows)").append('\n');
        return out.toString();
    }

    private void appendLine(StringBuilder out, List<String> cells, int[] widths, boolean header) {
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? " " : " | ");
            String cell = header ? cells.get(c) : firstLine(cells.get(c));
            int padding = widths[c] - width(cell);
            if (header) { // psql centres headers; left + right padding keeps it simple and stable
                int left = padding / 2;
                out.append(" ".repeat(left)).append(cell).append(" ".repeat(padding - left));
            } else if (rightAligned[c]) {
                out.append(" ".repeat(padding)).append(cell);
            } else {
                out.append(cell).append(" ".repeat(padding));
            }
        }
        // Trailing blanks of the last column only make copy-paste worse.
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    /** Multi-line values are shown as their first line plus an ellipsis, so rows stay one line. */
    private static String firstLine(String cell) {
        int newline = cell.indexOf('\n');
        return newline < 0 ? cell : cell.substring(0, newline) + "…";
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
