package org.distdata.sql.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words and symbols of a statement, with comments and blanks dropped and literals kept
 * whole: enough to read DistData's own syntax around what JSqlParser parses (EXPLAIN,
 * ANALYZE, a CREATE TABLE's placement clause, the head of a DDL statement) without a regular
 * expression being fooled by a comment or a string. An unterminated comment or literal runs
 * to the end of the text; JSqlParser or Derby reports it.
 */
final class SqlTokens {
    enum Kind { WORD, QUOTED_NAME, STRING, SYMBOL }

    /** One token; {@code start} and {@code end} are its offsets in the statement text. */
    record Token(Kind kind, String text, int start, int end) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.charAt(0) == c;
        }

        /** An identifier: a quoted name, or a word that starts with a letter or underscore. */
        boolean isName() {
            return kind == Kind.QUOTED_NAME
                    || kind == Kind.WORD && (Character.isLetter(text.charAt(0)) || text.charAt(0) == '_');
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlTokens() {
    }

    static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '"') {
                int end = endOfQuoted(sql, i, c);
                tokens.add(new Token(c == '"' ? Kind.QUOTED_NAME : Kind.STRING, sql.substring(i, end), i, end));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, end), i, end));
                i = end;
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return tokens;
    }

    /** The offset just past the literal opened at {@code start}; a doubled quote stays inside. */
    private static int endOfQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
