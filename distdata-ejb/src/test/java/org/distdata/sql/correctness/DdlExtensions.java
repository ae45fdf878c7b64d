package org.distdata.sql.correctness;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes DistData's CREATE TABLE extensions ({@code DISTRIBUTE BY HASH (col)} and
 * {@code REFERENCE} after the closing parenthesis) so that plain Derby accepts the statement.
 * Anything else passes through unchanged: the oracle must see exactly what the engine saw.
 */
public final class DdlExtensions {
    private static final Pattern CREATE_TABLE = Pattern.compile("^\\s*CREATE\\s+TABLE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_EXTENSION = Pattern.compile(
            "\\)\\s*(?:DISTRIBUTE\\s+BY\\s+HASH\\s*\\(\\s*[^()]*\\)|REFERENCE)\\s*;?\\s*$",
            Pattern.CASE_INSENSITIVE);

    private DdlExtensions() {
    }

    public static String stripForDerby(String sql) {
        if (!CREATE_TABLE.matcher(sql).find()) {
            return sql;
        }
        Matcher m = TRAILING_EXTENSION.matcher(sql);
        return m.find() ? sql.substring(0, m.start()) + ")" : sql;
    }
}
