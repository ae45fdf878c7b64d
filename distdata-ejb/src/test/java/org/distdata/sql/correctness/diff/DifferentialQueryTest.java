package org.distdata.sql.correctness.diff;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlEngine;
import org.distdata.sql.SqlStatement;
import org.distdata.sql.correctness.DerbyOracle;
import org.distdata.sql.correctness.DistDataNodeEngine;
import org.distdata.sql.correctness.ResultComparator;
import org.distdata.sql.correctness.diff.DiffTally.Outcome;
import org.distdata.sql.correctness.diff.DiffTally.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test of the SQL engine against a single Derby: a seeded schema and data set is
 * loaded into one DistData node (16 partitions) and into the {@link DerbyOracle}, then a seeded
 * stream of random SELECTs, DML and (DistData only) ANALYZE runs on both and every answer must
 * agree. SQL_SEMANTIC "not supported yet" is tolerated (and counted) only for non-co-located
 * joins and subqueries; a wrong answer always fails. {@code -Ddiff.queries=N} (SELECTs in the
 * stream; DML and ANALYZE come on top) and {@code -Ddiff.seed=S} choose the stream,
 * {@code -Ddiff.only=IDX} replays one operation (after the DML and ANALYZE before it).
 */
class DifferentialQueryTest {
    /** What CI must compare at the least: the acceptance bar. */
    static final int CI_MINIMUM_QUERIES = 2000;
    static final int DEFAULT_QUERIES = 2000;
    static final long DEFAULT_SEED = 20261127L;

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
        Integer requested = Integer.getInteger("diff.queries");
        int queries = requested == null ? DEFAULT_QUERIES : requested;
        Integer only = Integer.getInteger("diff.only");
        DiffStream stream = DiffStream.generate(seed, queries, only == null ? 0 : only + 1);

        long start = System.nanoTime();
        for (SqlStatement ddl : DiffSchema.ddl()) {
            derby.execute(ddl);
            distData.execute(ddl);
        }
        derby.executeBatch(stream.initialRows(), false);
        distData.executeBatch(stream.initialRows(), false);
        double loadSeconds = (System.nanoTime() - start) / 1e9;

        DiffTally tally = new DiffTally(seed);
        long runStart = System.nanoTime();
        for (DiffOperation op : stream.operations()) {
            if (only != null && op.index() != only && !(op.index() < only && op.category().changesState())) {
                continue;
            }
            long distDataBefore = distData.nanos;
            long derbyBefore = derby.nanos;
            tally.record(op, op.category() == DiffCategory.ANALYZE ? analyze(op) : compare(op));
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
        if (only == null) {
            assertThat(tally.queries).as("SELECTs compared").isGreaterThanOrEqualTo(queries);
        }
        if (only == null && requested == null) {
            assertThat(tally.queries).as("SELECTs compared in a default (CI) run").isGreaterThanOrEqualTo(
                    CI_MINIMUM_QUERIES);
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
            String answer = actual.updateCount() != null ? "update count " + actual.updateCount()
                    : actual.rowCount() + " rows";
            return Outcome.of(Verdict.WRONG, "Derby failed (" + e.getMessage() + ") but DistData answered " + answer);
        }
        String difference = ResultComparator.difference(expected, actual, op.ordered(), op.approxColumns());
        if (difference != null) {
            return Outcome.of(Verdict.WRONG, difference);
        }
        return new Outcome(Verdict.AGREED, null, ResultComparator.typeDifferences(expected, actual));
    }

    /**
     * ANALYZE runs on DistData only (Derby has no such statement) and must be accepted. Where
     * its answer has a ROWS column, that count is exact and must equal Derby's COUNT(*).
     */
    private static Outcome analyze(DiffOperation op) {
        SqlResult result;
        try {
            result = distData.execute(op.statement());
        } catch (RuntimeException e) {
            return Outcome.of(Verdict.WRONG, "DistData refused ANALYZE: " + e);
        }
        int rowsColumn = -1;
        for (int i = 0; i < result.columns().size(); i++) {
            if (result.columns().get(i).name().equalsIgnoreCase("ROWS")) {
                rowsColumn = i;
            }
        }
        if (rowsColumn < 0) {
            return Outcome.of(Verdict.AGREED, null);
        }
        String table = op.statement().sql().substring("ANALYZE ".length());
        Object expected = derby.execute(SqlStatement.of("SELECT COUNT(*) FROM " + table)).rows().get(0).get(0);
        for (List<Object> row : result.rows()) {
            if (!(row.get(rowsColumn) instanceof Number n) || n.longValue() != ((Number) expected).longValue()) {
                return Outcome.of(Verdict.WRONG, "ANALYZE row count " + row + " but Derby's COUNT(*) is " + expected);
            }
        }
        return Outcome.of(Verdict.AGREED, null);
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
}
