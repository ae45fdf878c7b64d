package org.distdata.sql.correctness.slt;

import java.util.List;

/**
 * One record of a sqllogictest script, with the {@code skipif}/{@code onlyif} guards that
 * precede it and the line it starts on (for failure messages).
 */
public sealed interface SltRecord {
    int line();

    List<SltCondition> conditions();

    /** {@code statement ok} or {@code statement error}: the SQL must succeed, or must fail. */
    record Statement(int line, List<SltCondition> conditions, String sql, boolean expectError) implements SltRecord {
    }

    /**
     * {@code query <types> <sort> [label]}: the SQL's result, formatted per column type and
     * sorted as asked, must equal the expected values, or their count and MD5 hash.
     */
    record Query(int line, List<SltCondition> conditions, String sql, String types, SltSort sort, String label,
                 List<String> expectedValues, SltHash expectedHash) implements SltRecord {
    }

    /** {@code halt}: stop the file here (when its guards allow). */
    record Halt(int line, List<SltCondition> conditions) implements SltRecord {
    }

    /** {@code skipif <engine>} or {@code onlyif <engine>} in front of a record. */
    record SltCondition(boolean only, String engine) {
        /** True if the guarded record runs on the engine called {@code ourEngine}. */
        public boolean allows(String ourEngine) {
            return only == engine.equalsIgnoreCase(ourEngine);
        }
    }

    /** The expected result given as {@code N values hashing to <md5>}. */
    record SltHash(int values, String md5) {
    }

    /** How a query's values are ordered before they are compared. */
    enum SltSort { NOSORT, ROWSORT, VALUESORT }
}
