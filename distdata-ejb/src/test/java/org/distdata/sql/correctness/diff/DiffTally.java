package org.distdata.sql.correctness.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The running score of a differential run: verdicts per category, time spent in each engine
 * per category, how many SELECTs / DML / ANALYZE ran, and the failures with the command that
 * replays each one. {@link #summary} prints it all.
 */
final class DiffTally {
    private static final int SHOWN = 25;
    private static final int SHOWN_SLOWEST = 10;

    /** The verdict on one operation. */
    enum Verdict { AGREED, BOTH_FAILED, UNSUPPORTED, WRONG }

    record Outcome(Verdict verdict, String detail, List<String> typeDifferences) {
        static Outcome of(Verdict v, String detail) {
            return new Outcome(v, detail, List.of());
        }
    }

    final long seed;
    /** The test class whose run this is, for the replay command. */
    private final String testClass;
    final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    final Map<DiffCategory, int[]> perCategory = new EnumMap<>(DiffCategory.class);
    final Map<DiffCategory, long[]> nanosPerCategory = new EnumMap<>(DiffCategory.class);
    final List<String> failures = new ArrayList<>();
    final List<String> bothFailed = new ArrayList<>();
    final List<String> unsupported = new ArrayList<>();
    final List<String> typeDifferences = new ArrayList<>();
    /** The slowest operations on DistData so far, fastest first (a min-heap of bounded size). */
    private final PriorityQueue<Timed> slowest = new PriorityQueue<>(Comparator.comparingLong(Timed::nanos));
    int queries;
    int dml;
    int analyzes;
    int tableChecks;

    DiffTally(long seed, String testClass) {
        this.seed = seed;
        this.testClass = testClass;
    }

    void record(DiffOperation op, Outcome outcome) {
        if (op.index() < 0) {
            tableChecks++;
        } else if (op.category().isDml()) {
            dml++;
        } else if (op.category() == DiffCategory.ANALYZE) {
            analyzes++;
        } else {
            queries++;
        }
        verdicts.merge(outcome.verdict(), 1, Integer::sum);
        if (op.index() >= 0) {
            perCategory.computeIfAbsent(op.category(), c -> new int[Verdict.values().length])
                    [outcome.verdict().ordinal()]++;
        }
        switch (outcome.verdict()) {
            case WRONG -> failures.add(op + "\n    -> " + outcome.detail() + "\n    replay: " + replay(op));
            case BOTH_FAILED -> bothFailed.add(op + " -> " + outcome.detail());
            case UNSUPPORTED -> unsupported.add(op + " -> " + outcome.detail());
            default -> {
                if (!outcome.typeDifferences().isEmpty()) {
                    typeDifferences.add(op + " -> " + outcome.typeDifferences());
                }
            }
        }
    }

    void time(DiffOperation op, long distDataNanos, long derbyNanos) {
        long[] t = nanosPerCategory.computeIfAbsent(op.category(), c -> new long[2]);
        t[0] += distDataNanos;
        t[1] += derbyNanos;
        slowest.add(new Timed(op, distDataNanos));
        if (slowest.size() > SHOWN_SLOWEST) {
            slowest.poll();
        }
    }

    /** An operation and the time DistData took for it. */
    private record Timed(DiffOperation op, long nanos) {
    }

    String replay(DiffOperation op) {
        return op.index() < 0 ? "(final whole-table check; rerun the seed)"
                : "mvn -o -q -pl distdata-ejb -am test -Dtest=" + testClass + " -Ddiff.seed=" + seed
                + " -Ddiff.only=" + op.index() + " -Dsurefire.failIfNoSpecifiedTests=false";
    }

    private int count(Verdict v) {
        return verdicts.getOrDefault(v, 0);
    }

    String summary(double loadSeconds, double runSeconds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "differential seed %d: %d queries, %d DML, %d ANALYZE, %d table checks: "
                        + "%d agreed, %d wrong, %d unsupported, %d both-failed; stream %.1f s (load %.1f s)%n", seed,
                queries, dml, analyzes, tableChecks, count(Verdict.AGREED), count(Verdict.WRONG),
                count(Verdict.UNSUPPORTED), count(Verdict.BOTH_FAILED), runSeconds, loadSeconds));
        perCategory.forEach((c, counts) -> {
            long[] t = nanosPerCategory.getOrDefault(c, new long[2]);
            int n = counts[0] + counts[1] + counts[2] + counts[3];
            s.append(String.format(Locale.ROOT, "  %-24s %4d ops: agreed %4d both-failed %3d unsupported %3d wrong %3d"
                            + "  ms/op DistData %7.1f Derby %6.1f  total s DistData %6.1f Derby %5.1f%n", c, n,
                    counts[0], counts[1], counts[2], counts[3], t[0] / 1e6 / n, t[1] / 1e6 / n, t[0] / 1e9,
                    t[1] / 1e9));
        });
        List<String> slow = slowest.stream().sorted(Comparator.comparingLong(Timed::nanos).reversed())
                .map(t -> String.format(Locale.ROOT, "%6.0f ms %s", t.nanos() / 1e6, t.op())).toList();
        append(s, "slowest on DistData", slow);
        append(s, "WRONG", failures);
        append(s, "both failed (generator or dialect issue)", bothFailed);
        append(s, "unsupported", unsupported);
        append(s, "same values, other column types", typeDifferences);
        return s.toString();
    }

    private static void append(StringBuilder s, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        s.append(title).append(" (").append(items.size()).append("):\n");
        items.stream().limit(SHOWN).forEach(i -> s.append("  ").append(i).append('\n'));
    }
}
