package org.distdata.sql.correctness.diff;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.sql.SqlEngine;
import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlStatement;
import org.distdata.sql.correctness.DerbyOracle;
import org.distdata.sql.correctness.EngineUnderTest;
import org.distdata.sql.correctness.ResultComparator;
import org.distdata.sql.correctness.diff.DiffTally.Outcome;
import org.distdata.sql.correctness.diff.DiffTally.Verdict;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One differential run: a seeded schema and data set is loaded into DistData (one node or a
 * cluster) and into a {@link DerbyOracle}, then a seeded stream of random SELECTs, DML and
 * (DistData only) ANALYZE runs on both and every answer is judged. SQL_SEMANTIC "not supported
 * yet" is tolerated (and counted) only for non-co-located joins and subqueries; a wrong answer
 * is always a failure. After the stream, every table is compared whole.
 */
final class DifferentialRun {
    private final TimedEngine distData;
    private final TimedEngine derby;
    private final DerbyOracle derbyOracle;

    DifferentialRun(EngineUnderTest distData, DerbyOracle derby) {
        this.distData = new TimedEngine(distData);
        this.derby = new TimedEngine(derby);
        this.derbyOracle = derby;
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

    /**
     * Runs the stream of {@code seed} for the test class {@code testClass} (named in replay commands) with {@code queries} SELECTs ({@code only}, when set,
     * replays that operation after the DML and ANALYZE before it) and returns the tally;
     * {@code afterOperation} runs after each operation (e.g. a replica consistency check).
     */
    DiffTally run(String testClass, long seed, int queries, Integer only, Runnable afterOperation) {
        DiffStream stream = DiffStream.generate(seed, queries, only == null ? 0 : only + 1);

        long start = System.nanoTime();
        for (SqlStatement ddl : DiffSchema.ddl()) {
            derby.execute(ddl);
            distData.execute(ddl);
        }
        derby.executeBatch(stream.initialRows(), false);
        distData.executeBatch(stream.initialRows(), false);
        double loadSeconds = (System.nanoTime() - start) / 1e9;

        DiffTally tally = new DiffTally(seed, testClass);
        long runStart = System.nanoTime();
        for (DiffOperation op : stream.operations()) {
            if (only != null && op.index() != only && !(op.index() < only && op.category().changesState())) {
                continue;
            }
            long distDataBefore = distData.nanos;
            long derbyBefore = derby.nanos;
            tally.record(op, op.category() == DiffCategory.ANALYZE ? analyze(op) : compare(op));
            tally.time(op, distData.nanos - distDataBefore, derby.nanos - derbyBefore);
            afterOperation.run();
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
        return tally;
    }

    private Outcome compare(DiffOperation op) {
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
            return Outcome.of(Verdict.WRONG, difference + planOf(op));
        }
        return new Outcome(Verdict.AGREED, null, ResultComparator.typeDifferences(expected, actual));
    }

    /** DistData's plan of a SELECT that answered wrongly, to start the diagnosis from. */
    private String planOf(DiffOperation op) {
        if (!op.category().isQuery()) {
            return "";
        }
        try {
            SqlResult plan = distData.execute(new SqlStatement("EXPLAIN " + op.statement().sql(),
                    op.statement().params()));
            StringBuilder out = new StringBuilder("\n    plan:");
            plan.rows().forEach(r -> out.append("\n      ").append(r));
            return out.toString();
        } catch (RuntimeException e) {
            return "\n    (no plan: " + e.getMessage() + ")";
        }
    }

    /**
     * ANALYZE runs on DistData only (Derby has no such statement) and must be accepted. Where
     * its answer has a ROWS column, that count is exact and must equal Derby's COUNT(*).
     */
    private Outcome analyze(DiffOperation op) {
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
    private Outcome distDataFailed(DiffOperation op, RuntimeException e) {
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
