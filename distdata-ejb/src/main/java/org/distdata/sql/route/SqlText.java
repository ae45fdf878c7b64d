package org.distdata.sql.route;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap facts about SQL text that need no parse tree. The count of SELECT keywords is an
 * upper bound on the number of (sub)queries: a word inside a literal can only make a
 * statement look more complex, which sends it down the general (always correct) path.
 */
public final class SqlText {
    private static final Pattern SELECT_WORD = Pattern.compile("(?i)\\bSELECT\\b");

    private SqlText() {
    }

    public static int selectKeywords(String sql) {
        Matcher m = SELECT_WORD.matcher(sql);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
