package org.distdata.ui.sql;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

/**
 * The editor's text made into one statement: trailing semicolons and blanks are dropped, and
 * text holding a second statement is refused, because the console runs (and checks
 * permissions for) exactly one statement at a time. Semicolons inside string literals,
 * quoted identifiers and comments do not count.
 */
public final class StatementText {
    private StatementText() {
    }

    public static String single(String text) {
        String sql = text == null ? "" : text.strip();
        int end = endOfFirstStatement(sql);
        String first = sql.substring(0, end).strip();
        String rest = sql.substring(end).replace(";", "").strip();
        if (first.isEmpty()) {
            throw new DistDataException(ErrorCode.BAD_REQUEST, "there is no statement to run");
        }
        if (!rest.isEmpty() && !onlyComments(rest)) {
            throw new DistDataException(ErrorCode.BAD_REQUEST,
                    "the console runs one statement at a time; remove everything after the first ';'");
        }
        return first;
    }

    /** Index of the first semicolon outside literals and comments, or the text length. */
    private static int endOfFirstStatement(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int close = sql.indexOf(c, i + 1);
                // A doubled quote ('it''s') is just two adjacent literals to this scan.
                i = close < 0 ? sql.length() : close + 1;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? sql.length() : close + 2;
            } else if (c == ';') {
                return i;
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static boolean onlyComments(String text) {
        String withoutBlock = text.replaceAll("(?s)/\\*.*?\\*/", "");
        return withoutBlock.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("--"));
    }
}
