package org.distdata.sql.correctness.diff;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.sql.SqlEngine;
import org.distdata.sql.SqlResult;
import org.distdata.sql.SqlStatement;
import org.distdata.sql.correctness.DerbyOracle;
import org.distdata.sql.correctness.DistDataNodeEngine;
import org.distdata.sql.correctness.ResultComparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test of the SQL engine against a single Derby: a seeded schema and data set is
 * loaded into one DistData node (16 partitions) and into the {@link DerbyOracle}, then a seeded
 * stream of random SELECTs and DML runs on both and every answer must agree. SQL_SEMANTIC
 * "not supported yet" is tolerated (and counted) only for non-co-located joins and
 * subqueries; a wrong answer always fails. {@code -Ddiff.queries=N} and {@code -Ddiff.seed=S}
 * choose the stream, {@code -Ddiff.only=IDX} replays one operation (after the DML before it).
 */
class DifferentialQueryTest {
    static final int DEFAULT_OPERATIONS = 600;
    static final long DEFAULT_SEED = 20261127L;
    private static final int SHOWN_FAILURES = 25;

    @TempDir
    static Path dataDir;

    private static DistDataNodeEngine distDataNode;
    private static DerbyOracle derbyOracle;
    private static TimedEngine distData;
    private static TimedEngine derby;

    @BeforeAll
    static void openEngines() {
        distDataNode = DistDataNodeEngine.open(dataDir, "diff");
        derbyOracle = new DerbyOracle();
        distData = new TimedEngine(distDataNode);
        derby = new TimedEngine(derbyOracle);
    }

    @AfterAll
    static void closeEngines() {
        if (derbyOracle != null) {
            derbyOracle.close();
        }
        if (distDataNode != null) {
            distDataNode.close();
        }
    }

    /** Adds up the time spent inside one engine, for the per-category timing in the summary. */
    private static final class TimedEngine implements SqlEngine {
        private final SqlEngine engine;
        long nanos;

        TimedEngine(SqlEngine engine) {
            this.engine = engine;
        }

        @Override
        public SqlResult execute(SqlStatement statement) {
            long start = System.nanoTime();
            try {
                return engine.execute(statement);
            } finally {
                nanos += System.nanoTime() - start;
            }
        }

        @Override
        public List<SqlResult> executeBatch(List<SqlStatement> statements, boolean atomic) {
            long start = System.nanoTime();
            try {
                return engine.executeBatch(statements, atomic);
            } finally {
                nanos += System.nanoTime() - start;
            }
        }
    }

    @Test
    void randomQueriesAndDmlAgreeWithDerby() {
        long seed = Long.getLong("diff.seed", DEFAULT_SEED);
        int count = Integer.getInteger("diff.queries", DEFAULT_OPERATIONS);
        Integer only = Integer.getInteger("diff.only");
        DiffStream stream = DiffStream.generate(seed, only == null ? count : Math.max(count, only + 1));

        long start = System.nanoTime();
        for (SqlStatement ddl : DiffSchema.ddl()) {
            derby.execute(ddl);
            distData.execute(ddl);
        }
        derby.executeBatch(stream.initialRows(), false);
        distData.executeBatch(stream.initialRows(), false);
        double loadSeconds = (System.nanoTime() - start) / 1e9;

        Tally tally = new Tally(seed);
        long runStart = System.nanoTime();
        for (DiffOperation op : stream.operations()) {
            if (only != null && op.index() != only && !(op.index() < only && op.category().isDml())) {
                continue;
            }
            long distDataBefore = distData.nanos;
            long derbyBefore = derby.nanos;
            tally.record(op, compare(op));
            tally.time(op, distData.nanos - distDataBefore, derby.nanos - derbyBefore);
        }
        if (only == null) {
            for (String table : DiffSchema.TABLES) {
                DiffOperation whole = new DiffOperation(-1, DiffCategory.PROJECTION,
                        SqlStatement.of("SELECT * FROM " + table), false, Set.of());
                tally.record(whole, compare(whole));
            }
        }
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        System.out.println(tally.summary(loadSeconds, runSeconds));
        assertThat(tally.failures).as("operations where DistData disagrees with Derby (seed " + seed + ")").isEmpty();
    }

    /** The verdict on one operation. */
    enum Verdict { AGREED, BOTH_FAILED, UNSUPPORTED, WRONG }

    record Outcome(Verdict verdict, String detail, List<String> typeDifferences) {
        static Outcome of(Verdict v, String detail) {
            return new Outcome(v, detail, List.of());
        }
    }

    private static Outcome compare(DiffOperation op) {
        SqlResult actual;
        try {
            actual = distData.execute(op.statement());
        } catch (RuntimeException e) {
            return distDataFailed(op, e);
        }
        SqlResult expected;
        try {
            expected = derby.execute(op.statement());
        } catch (DistDataException e) {
            return Outcome.of(Verdict.WRONG, "Derby failed (" + e.getMessage() + ") but DistData answered "
                    + (actual.updateCount() != null ? "update count " + actual.updateCount() : actual.rowCount() + " rows"));
        }
        String difference = ResultComparator.difference(expected, actual, op.ordered(), op.approxColumns());
        if (difference != null) {
            return Outcome.of(Verdict.WRONG, difference);
        }
        return new Outcome(Verdict.AGREED, null, ResultComparator.typeDifferences(expected, actual));
    }

    /**
     * DistData raised an error: fine if Derby fails too, tolerated if it is "not supported yet"
     * in a category that allows it, wrong otherwise. Derby's attempt is rolled back so that a
     * refused DML statement leaves both databases in step.
     */
    private static Outcome distDataFailed(DiffOperation op, RuntimeException e) {
        String error = e instanceof DistDataException d ? d.code() + " " + d.getMessage() : e.toString();
        try {
            derbyOracle.executeAndRollBack(op.statement());
        } catch (DistDataException derbyError) {
            return Outcome.of(Verdict.BOTH_FAILED, "DistData: " + error + "; Derby: " + derbyError.getMessage());
        }
        if (e instanceof DistDataException d && isNotSupported(d)) {
            return op.category().mayBeUnsupported() ? Outcome.of(Verdict.UNSUPPORTED, d.getMessage())
                    : Outcome.of(Verdict.WRONG, "unsupported in a category that must work: " + d.getMessage());
        }
        return Outcome.of(Verdict.WRONG, "DistData failed (" + error + ") but Derby succeeded");
    }

    static boolean isNotSupported(DistDataException e) {
        return e.code() == ErrorCode.SQL_SEMANTIC && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)
                .contains("not supported yet");
    }

    /** Counts per verdict and category, and the failures with their replay commands. */
    private static final class Tally {
        final long seed;
        final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
        final Map<DiffCategory, int[]> perCategory = new EnumMap<>(DiffCategory.class);
        final Map<DiffCategory, long[]> nanosPerCategory = new EnumMap<>(DiffCategory.class);
        final List<String> failures = new ArrayList<>();
        final List<String> bothFailed = new ArrayList<>();
        final List<String> unsupported = new ArrayList<>();
        final List<String> typeDifferences = new ArrayList<>();

        Tally(long seed) {
            this.seed = seed;
        }

        void record(DiffOperation op, Outcome outcome) {
            verdicts.merge(outcome.verdict(), 1, Integer::sum);
            perCategory.computeIfAbsent(op.category(), c -> new int[Verdict.values().length])[outcome.verdict().ordinal()]++;
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
        }

        String replay(DiffOperation op) {
            return op.index() < 0 ? "(final whole-table check; rerun the seed)"
                    : "mvn -o -q -pl distdata-ejb -am test -Dtest=DifferentialQueryTest -Ddiff.seed=" + seed
                    + " -Ddiff.only=" + op.index() + " -Dsurefire.failIfNoSpecifiedTests=false";
        }

        String summary(double loadSeconds, double runSeconds) {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "differential seed %d: %s in %.1f s (load %.1f s)%n", seed, verdicts,
                    runSeconds, loadSeconds));
            perCategory.forEach((c, counts) -> {
                long[] t = nanosPerCategory.getOrDefault(c, new long[2]);
                int n = counts[0] + counts[1] + counts[2] + counts[3];
                s.append(String.format(Locale.ROOT, "  %-19s agreed %4d  both-failed %3d  unsupported %3d  wrong %3d"
                                + "  ms/op DistData %7.1f Derby %6.1f%n", c, counts[0], counts[1], counts[2], counts[3],
                        t[0] / 1e6 / n, t[1] / 1e6 / n));
            });
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
            items.stream().limit(SHOWN_FAILURES).forEach(i -> s.append("  ").append(i).append('\n'));
        }
    }
}
