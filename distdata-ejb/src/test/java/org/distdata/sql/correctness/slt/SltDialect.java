package org.distdata.sql.correctness.slt;

import java.util.regex.Pattern;

/**
 * The one rewrite the runner applies to the SQLite-flavoured corpus before either engine sees
 * it: in CREATE TABLE, the column type {@code TEXT} (which Derby does not have) becomes
 * {@code VARCHAR(255)}. Without it the generated {@code index/*} scripts cannot even create
 * their tables. Both engines receive the same rewritten text, so the comparison stays exact.
 */
public final class SltDialect {
    private static final Pattern CREATE_TABLE = Pattern.compile("^\\s*CREATE\\s+TABLE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TEXT_TYPE = Pattern.compile("(?<=[\\w\"]\\s)TEXT\\b(?=\\s*[,)]|\\s+(?:NOT|NULL|PRIMARY|UNIQUE|DEFAULT))",
            Pattern.CASE_INSENSITIVE);

    private SltDialect() {
    }

    public static String adapt(String sql) {
        if (!CREATE_TABLE.matcher(sql).find()) {
            return sql;
        }
        return TEXT_TYPE.matcher(sql).replaceAll("VARCHAR(255)");
    }
}
