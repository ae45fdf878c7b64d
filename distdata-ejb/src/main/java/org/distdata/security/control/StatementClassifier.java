package org.distdata.security.control;

import java.util.Locale;
import java.util.Set;

/**
 * Classifies SQL text by its first keyword, skipping whitespace, comments and opening
 * parentheses; {@code EXPLAIN [ANALYZE]} is classified by the statement it explains (EXPLAIN
 * ANALYZE runs it). Unknown keywords are treated as ADMIN: failing closed means a statement
 * type we did not foresee can never be run by a reader.
 */
public final class StatementClassifier {
    private static final Set<String> READS = Set.of("SELECT", "VALUES", "WITH");
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

    private StatementClassifier() {
    }

    public static StatementKind classify(String sql) {
        Scanner s = new Scanner(sql);
        String first = s.nextWord();
        if (first.equals("EXPLAIN")) {
            String next = s.nextWord();
            if (next.equals("ANALYZE")) {
                next = s.nextWord();
            }
            first = next;
        }
        if (READS.contains(first)) {
            return StatementKind.READ;
        }
        if (WRITES.contains(first)) {
            return StatementKind.WRITE;
        }
        return StatementKind.ADMIN;
    }

    /** Reads upper-cased words, ignoring whitespace, {@code --} and {@code /* *\/} comments and '('. */
    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text == null ? "" : text;
        }

        String nextWord() {
            skipNoise();
            int start = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos).toUpperCase(Locale.ROOT);
        }

        private void skipNoise() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c) || c == '(') {
                    pos++;
                } else if (text.startsWith("--", pos)) {
                    int eol = text.indexOf('\n', pos);
                    pos = eol < 0 ? text.length() : eol + 1;
                } else if (text.startsWith("/*", pos)) {
                    int end = text.indexOf("*/", pos + 2);
                    pos = end < 0 ? text.length() : end + 2;
                } else {
                    return;
                }
            }
        }
    }
}
