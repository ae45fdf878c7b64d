package org.distdata.sql.correctness.slt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one script on one engine: per record (same indexes as the parsed record
 * list) whether it ran and passed, plus counts and the first failures for a report.
 */
public record SltFileResult(Path file, List<SltRecord> records, List<SltOutcome> outcomes, double elapsedSeconds) {

    public int run() {
        return (int) outcomes.stream().filter(SltOutcome::ran).count();
    }

    public int passed() {
        return (int) outcomes.stream().filter(SltOutcome::passed).count();
    }

    public int failed() {
        return run() - passed();
    }

    /** The first {@code limit} failures, each as "line N: SQL -> reason". */
    public List<String> firstFailures(int limit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outcomes.size() && out.size() < limit; i++) {
            if (outcomes.get(i).ran() && !outcomes.get(i).passed()) {
                out.add(describe(i));
            }
        }
        return out;
    }

    public String describe(int index) {
        return file.getFileName() + " line " + records.get(index).line() + ": " + sqlOf(records.get(index))
                + "\n    -> " + outcomes.get(index).detail();
    }

    static String sqlOf(SltRecord record) {
        if (record instanceof SltRecord.Statement s) {
            return s.sql().replace('\n', ' ');
        }
        if (record instanceof SltRecord.Query q) {
            return q.sql().replace('\n', ' ');
        }
        return "halt";
    }
}
