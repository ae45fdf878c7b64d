package org.distdata.sql;

/** Counts {@code ?} parameter markers in SQL text, ignoring string literals and quoted identifiers. */
final class ParameterMarkers {
    private ParameterMarkers() {
    }

    static int count(String sql) {
        int n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?') {
                n++;
            }
        }
        return n;
    }
}
