package org.distdata.sql.correctness.slt;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses which records of a script run, deterministically (the choice depends only on the
 * file). Within the first {@code maxRecords} records (all, if 0) every statement runs — they
 * build the state the queries read — and queries run all or, when there are more than
 * {@code maxQueries}, every k-th one with k = ceil(queries / maxQueries), starting with the
 * first. Skipping a query is safe because a query never changes state; cutting the file
 * after a prefix is safe because nothing later affects what comes before.
 */
public record SltSampling(int maxQueries, int maxRecords) {
    public static final SltSampling FULL = new SltSampling(0, 0);

    public boolean full() {
        return maxQueries <= 0 && maxRecords <= 0;
    }

    /** One flag per record: true if it is selected to run. */
    public List<Boolean> select(List<SltRecord> records) {
        int prefix = maxRecords <= 0 ? records.size() : Math.min(maxRecords, records.size());
        long queries = records.subList(0, prefix).stream().filter(r -> r instanceof SltRecord.Query).count();
        long step = maxQueries <= 0 || queries <= maxQueries ? 1 : (queries + maxQueries - 1) / maxQueries;
        List<Boolean> selected = new ArrayList<>(records.size());
        long queryIndex = 0;
        for (int i = 0; i < records.size(); i++) {
            SltRecord r = records.get(i);
            if (i >= prefix) {
                selected.add(false);
            } else if (r instanceof SltRecord.Query) {
                selected.add(queryIndex++ % step == 0);
            } else {
                selected.add(true);
            }
        }
        return selected;
    }

    @Override
    public String toString() {
        if (full()) {
            return "full corpus";
        }
        return (maxRecords > 0 ? "first " + maxRecords + " records of each file, " : "")
                + (maxQueries > 0 ? "of those all statements and at most " + maxQueries + " queries (every k-th)"
                : "all of them");
    }
}
