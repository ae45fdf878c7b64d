package org.distdata.catalog;

import java.util.Locale;

/**
 * Identifier handling as Derby does it: unquoted names fold to upper case, quoted names keep
 * their case; every identifier the engine writes into fragment SQL is quoted.
 */
public final class SqlNames {
    private SqlNames() {
    }

    /** The stored form of an identifier as written in SQL text. */
    public static String normalize(String identifier) {
        String id = identifier.trim();
        if (id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")) {
            return id.substring(1, id.length() - 1).replace("\"\"", "\"");
        }
        return id.toUpperCase(Locale.ROOT);
    }

    /** A stored name as a quoted SQL identifier. */
    public static String quote(String storedName) {
        return "\"" + storedName.replace("\"", "\"\"") + "\"";
    }
}
