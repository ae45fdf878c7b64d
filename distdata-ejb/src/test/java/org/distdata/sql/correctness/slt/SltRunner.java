package org.distdata.sql.correctness.slt;

import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlEngine;
import org.distdata.sql.SqlStatement;
import org.distdata.sql.correctness.slt.SltRecord.Halt;
import org.distdata.sql.correctness.slt.SltRecord.Query;
import org.distdata.sql.correctness.slt.SltRecord.Statement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one sqllogictest script against a fresh engine and records, per record, whether it
 * passed. Guards are evaluated for the engine name {@value #ENGINE_NAME}: {@code skipif X}
 * runs the record (we are never X) and {@code onlyif X} skips it, since none of the names
 * the corpus uses (sqlite, mysql, mssql, postgresql, oracle) is ours. Each record gets a
 * time limit; an engine that exceeds it has the record and the rest of the file marked
 * failed, because its state is then unknown.
 */
public final class SltRunner {
    public static final String ENGINE_NAME = "distdata";
    static final Duration RECORD_TIMEOUT = Duration.ofSeconds(60);

    private SltRunner() {
    }

    public static SltFileResult run(Path file, Supplier<? extends SqlEngine> engine) {
        return run(file, SltParser.parse(file), SltSampling.FULL, engine);
    }

    public static SltFileResult run(Path file, List<SltRecord> records, SltSampling sampling,
                                    Supplier<? extends SqlEngine> engineFactory) {
        long start = System.nanoTime();
        List<Boolean> selected = sampling.select(records);
        List<SltOutcome> outcomes = new ArrayList<>(records.size());
        Map<String, String> labelHashes = new HashMap<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slt-" + file.getFileName());
            t.setDaemon(true);
            return t;
        });
        SqlEngine engine = engineFactory.get();
        boolean stopped = false;
        String stopReason = null;
        try {
            for (int i = 0; i < records.size(); i++) {
                SltRecord record = records.get(i);
                if (stopReason != null) {
                    outcomes.add(SltOutcome.failed(stopReason));
                    continue;
                }
                if (stopped || !selected.get(i) || !guardsAllow(record)) {
                    outcomes.add(SltOutcome.NOT_RUN);
                    continue;
                }
                if (record instanceof Halt) {
                    stopped = true;
                    outcomes.add(SltOutcome.NOT_RUN);
                    continue;
                }
                Future<SltOutcome> future = worker.submit(() -> runRecord(engine, record, labelHashes));
                try {
                    outcomes.add(future.get(RECORD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    future.cancel(true);
                    stopReason = "not run: an earlier record timed out after " + RECORD_TIMEOUT.toSeconds() + " s";
                    outcomes.add(SltOutcome.failed("timed out after " + RECORD_TIMEOUT.toSeconds() + " s"));
                } catch (ExecutionException e) {
                    outcomes.add(SltOutcome.failed("runner error: " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while running " + file, e);
                }
            }
        } finally {
            worker.shutdownNow();
            if (engine instanceof AutoCloseable closeable && stopReason == null) {
                closeQuietly(closeable);
            }
        }
        return new SltFileResult(file, records, outcomes, (System.nanoTime() - start) / 1e9);
    }

    static boolean guardsAllow(SltRecord record) {
        return record.conditions().stream().allMatch(c -> c.allows(ENGINE_NAME));
    }

    private static SltOutcome runRecord(SqlEngine engine, SltRecord record, Map<String, String> labelHashes) {
        if (record instanceof Statement s) {
            return statement(engine, s);
        }
        if (record instanceof Query q) {
            return query(engine, q, labelHashes);
        }
        return SltOutcome.NOT_RUN;
    }

    private static SltOutcome statement(SqlEngine engine, Statement s) {
        try {
            engine.execute(new SqlStatement(SltDialect.adapt(s.sql()), List.of()));
            return s.expectError() ? SltOutcome.failed("expected an error, statement succeeded") : SltOutcome.PASSED;
        } catch (RuntimeException e) {
            return s.expectError() ? SltOutcome.PASSED : SltOutcome.failed(error(e));
        }
    }

    private static SltOutcome query(SqlEngine engine, Query q, Map<String, String> labelHashes) {
        SqlResult result;
        try {
            result = engine.execute(new SqlStatement(q.sql(), List.of()));
        } catch (RuntimeException e) {
            return SltOutcome.failed(error(e));
        }
        List<String> values = SltValueFormatter.format(result.rows(), q.types());
        String mismatch = SltResultCheck.mismatch(q, result.columns().size(), values);
        if (mismatch != null) {
            return SltOutcome.failed(mismatch);
        }
        if (q.label() != null) {
            String hash = SltResultCheck.md5(SltResultCheck.sort(values, result.columns().size(), q.sort()));
            String earlier = labelHashes.putIfAbsent(q.label(), hash);
            if (earlier != null && !earlier.equals(hash)) {
                return SltOutcome.failed("result differs from earlier query with label " + q.label());
            }
        }
        return SltOutcome.PASSED;
    }

    private static String error(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).replace('\n', ' ');
        if (e instanceof org.distdata.error.DistDataException d) {
            return "error " + d.code() + ": " + abbreviate(message);
        }
        return "error " + e.getClass().getSimpleName() + ": " + abbreviate(message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("slt: closing engine failed: " + e);
        }
    }
}
