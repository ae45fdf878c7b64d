package org.distdata.bench;

import org.distdata.catalog.SqlNames;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.JdbcValues;
import org.distdata.relation.SqlResult;
import org.distdata.sql.DistributedSqlEngine;
import org.distdata.sql.SqlStatement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Query latency of one in-process DistData node with 16 hash partitions against one plain
 * embedded Derby database on disk holding the same rows: point lookups, a filtered scan, a
 * GROUP BY, a co-located join, a join that is not co-located and a top-N. Both systems get
 * the same SQL text with the same bound parameters, repetitions alternate between them, and
 * every result is compared across the two (the run fails if any differs). Run it with
 * {@code scripts/bench-query.sh}; the markdown it prints at the end goes to BENCHMARKS.md.
 */
public final class QueryBenchmark {
    private static final int PARTITIONS = 16;
    private static final long SEED = 42;
    private static final int CHUNK = 10_000;
    private static final int PROGRESS_EVERY = 100_000;
    /** DistData's limit per statement; the baseline has none (the script bounds the whole run). */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(
            Math.round(1000 * Double.parseDouble(System.getProperty("bench.statementTimeoutSeconds", "120"))));
    /** Measuring a query stops once both systems together spent this long on it (after at least 3 runs). */
    private static final long QUERY_BUDGET_NANOS = Long.getLong("bench.queryBudgetSeconds", 60) * 1_000_000_000L;
    /** A query whose first (cold) run on both systems takes longer gets no more warm-up and 3 measured runs. */
    private static final long SLOW_NANOS = 30_000_000_000L;

    private static final List<String> DDL = List.of(
            "CREATE TABLE customers (id INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                    + " email VARCHAR(200) NOT NULL, country CHAR(2) NOT NULL, created DATE NOT NULL)"
                    + " DISTRIBUTE BY HASH (id)",
            "CREATE TABLE orders (id BIGINT NOT NULL, customer_id INT NOT NULL, amount DECIMAL(10,2) NOT NULL,"
                    + " status VARCHAR(16) NOT NULL, ordered_at TIMESTAMP NOT NULL, PRIMARY KEY (id, customer_id))"
                    + " DISTRIBUTE BY HASH (customer_id)",
            "CREATE TABLE payments (id BIGINT NOT NULL PRIMARY KEY, order_id BIGINT NOT NULL,"
                    + " amount DECIMAL(10,2) NOT NULL, method VARCHAR(16) NOT NULL, paid_at TIMESTAMP NOT NULL)"
                    + " DISTRIBUTE BY HASH (id)",
            "CREATE INDEX orders_customer ON orders (customer_id)",
            "CREATE INDEX payments_order ON payments (order_id)");

    private final BenchData data;
    private final int repetitions;
    private final DistributedSqlEngine distdata;
    private final Connection derby;
    private final Map<String, PreparedStatement> derbyStatements = new HashMap<>();
    private final Map<String, int[]> derbyTypes = new HashMap<>();
    private final List<String> failures = new ArrayList<>();

    private QueryBenchmark(BenchData data, int repetitions, DistributedSqlEngine distdata, Connection derby) {
        this.data = data;
        this.repetitions = repetitions;
        this.distdata = distdata;
        this.derby = derby;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/query-bench");
        long orders = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Files.createDirectories(dir);
        BenchData data = new BenchData(SEED, orders);
        System.out.printf("JVM: %d processors, max heap %d MiB, Java %s; load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), loadAverage());
        System.out.printf("data: %,d customers, %,d orders, %,d payments (seed %d); %d partitions;"
                        + " %d repetitions (point lookups %d)%n", data.customers, data.orders, data.payments, SEED,
                PARTITIONS, repetitions, pointRepetitions(repetitions));
        Node node = Node.open(new NodeConfig("qbench", dir.resolve("distdata"), PARTITIONS,
                Optional.of("qbench-admin-pw-1"), Duration.ofHours(1)));
        String derbyUrl = "jdbc:derby:" + dir.resolve("baseline").toAbsolutePath();
        int failed;
        try (Connection derby = DriverManager.getConnection(derbyUrl + ";create=true")) {
            QueryBenchmark bench = new QueryBenchmark(data, repetitions, (DistributedSqlEngine) node.sql(), derby);
            failed = bench.run();
        } finally {
            node.close();
            try {
                DriverManager.getConnection(derbyUrl + ";shutdown=true");
            } catch (SQLException expected) {
                // Derby reports a clean shutdown as an exception
            }
        }
        System.out.println("load average at end: " + loadAverage());
        if (failed > 0) {
            System.out.println("FAILED: " + failed + " quer" + (failed == 1 ? "y" : "ies")
                    + " differed between DistData and Derby or raised an error (see above)");
            System.exit(1);
        }
    }

    private int run() throws SQLException {
        createSchema();
        List<String> loadRows = new ArrayList<>();
        for (BenchData.Table t : data.tables()) {
            double dd = loadDistData(t);
            double db = loadDerby(t);
            loadRows.add(String.format("| %s | %,d | %.1f | %,.0f | %.1f | %,.0f | %.2f× |", t.name(), t.rows(), dd,
                    t.rows() / dd, db, t.rows() / db, dd / db));
        }
        List<String> analyzeRows = analyze();
        checkCounts();
        List<Measurement> results = new ArrayList<>();
        for (BenchQuery q : BenchQuery.all(data)) {
            results.add(measure(q));
        }
        MarkdownReport.print(preamble(), loadRows, analyzeRows, results);
        return failures.size();
    }

    private void createSchema() throws SQLException {
        try (Statement s = derby.createStatement()) {
            for (String ddl : DDL) {
                distdata.execute(SqlStatement.of(ddl));
                s.execute(ddl.replaceFirst("\\s+DISTRIBUTE BY HASH \\(\\w+\\)$", ""));
            }
        }
    }

    // --- loading

    private double loadDistData(BenchData.Table t) {
        long start = System.nanoTime();
        List<List<Object>> chunk = new ArrayList<>(CHUNK);
        long loaded = 0;
        for (Iterator<List<Object>> rows = t.source().get(); rows.hasNext(); ) {
            chunk.add(rows.next());
            if (chunk.size() == CHUNK || !rows.hasNext()) {
                distdata.insertRows(SqlNames.normalize(t.name()),
                        t.columns().stream().map(SqlNames::normalize).toList(), chunk);
                loaded = progress("DistData", t, loaded, loaded + chunk.size(), start);
                chunk = new ArrayList<>(CHUNK);
            }
        }
        return seconds(start);
    }

    private double loadDerby(BenchData.Table t) throws SQLException {
        long start = System.nanoTime();
        String sql = "INSERT INTO " + t.name() + " (" + String.join(", ", t.columns()) + ") VALUES ("
                + t.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        derby.setAutoCommit(false);
        try (PreparedStatement ps = derby.prepareStatement(sql)) {
            long loaded = 0;
            int pending = 0;
            for (Iterator<List<Object>> rows = t.source().get(); rows.hasNext(); ) {
                JdbcValues.bindAll(ps, rows.next());
                ps.addBatch();
                if (++pending == CHUNK || !rows.hasNext()) {
                    ps.executeBatch();
                    derby.commit();
                    loaded = progress("Derby", t, loaded, loaded + pending, start);
                    pending = 0;
                }
            }
        } finally {
            derby.setAutoCommit(true);
        }
        return seconds(start);
    }

    private static long progress(String system, BenchData.Table t, long before, long after, long start) {
        if (after / PROGRESS_EVERY > before / PROGRESS_EVERY || after == t.rows()) {
            double s = seconds(start);
            System.out.printf("  load %-8s %-9s %,10d / %,d rows  %6.1f s  %,8.0f rows/s%n", system, t.name(), after,
                    t.rows(), s, after / s);
        }
        return after;
    }

    /** ANALYZE on DistData (statistics for its planner) and Derby's own statistics update, both timed. */
    private List<String> analyze() throws SQLException {
        List<String> rows = new ArrayList<>();
        for (BenchData.Table t : data.tables()) {
            long start = System.nanoTime();
            distdata.execute(SqlStatement.of("ANALYZE " + t.name()));
            double dd = seconds(start);
            start = System.nanoTime();
            try (Statement s = derby.createStatement()) {
                s.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', '" + SqlNames.normalize(t.name())
                        + "', NULL)");
            }
            double db = seconds(start);
            System.out.printf("  ANALYZE %s: DistData %.1f s, Derby SYSCS_UPDATE_STATISTICS %.1f s%n", t.name(), dd,
                    db);
            rows.add(String.format("| %s | %.1f | %.1f |", t.name(), dd, db));
        }
        return rows;
    }

    private void checkCounts() throws SQLException {
        for (BenchData.Table t : data.tables()) {
            String sql = "SELECT COUNT(*) FROM " + t.name();
            long dd = ((Number) distdata.execute(SqlStatement.of(sql)).rows().get(0).get(0)).longValue();
            long db = ((Number) derbyQuery(sql, List.of()).get(0).get(0)).longValue();
            if (dd != t.rows() || db != t.rows()) {
                throw new IllegalStateException(t.name() + ": expected " + t.rows() + " rows, DistData has " + dd
                        + ", Derby " + db);
            }
        }
    }

    // --- measuring

    private static int pointRepetitions(int repetitions) {
        return repetitions * 100;
    }

    /**
     * Times one query on both systems, alternating which goes first. The first run is always a
     * warm-up and is compared across the systems (point lookups: every run). A slow query gets
     * fewer runs (see {@link #SLOW_NANOS}); once DistData exceeds the statement timeout, only
     * Derby is timed further.
     */
    private Measurement measure(BenchQuery q) {
        System.out.printf("query %s: %s%n", q.id(), q.title());
        Random keys = new Random(SEED + q.id().hashCode());
        List<Object> firstParams = q.params().apply(keys);
        List<String> explain = new ArrayList<>();
        try {
            SqlResult plan = distdata.execute(new SqlStatement("EXPLAIN " + q.sql(), firstParams));
            explain.add(plan.columns().stream().map(ColumnInfo::name).collect(Collectors.joining(" | ")));
            for (List<Object> row : plan.rows()) {
                explain.add(row.stream().map(String::valueOf).collect(Collectors.joining(" | ")));
            }
        } catch (RuntimeException e) {
            explain.add("EXPLAIN failed: " + e);
        }
        int reps = q.pointLookup() ? pointRepetitions(repetitions) : repetitions;
        int warmups = q.pointLookup() ? reps / 10 : 3;
        double[] dd = new double[reps];
        double[] db = new double[reps];
        int measured = 0;
        int rowCount = -1;
        long spent = 0;
        boolean timedOut = false;
        try {
            for (int i = 0; measured < reps; i++) {
                List<Object> params = i == 0 ? firstParams : q.params().apply(keys);
                Run onDistData = null;
                Run onDerby;
                if (!timedOut && i % 2 == 0) {
                    onDistData = runDistData(q, params);
                }
                onDerby = runDerby(q, params);
                if (!timedOut && i % 2 == 1) {
                    onDistData = runDistData(q, params);
                }
                if (onDistData == null && !timedOut) {
                    timedOut = true;
                    System.out.printf("  DistData timed out (> %s ms); timing Derby alone%n",
                            STATEMENT_TIMEOUT.toMillis());
                }
                rowCount = onDerby.rows().size();
                if (onDistData != null && (i == 0 || q.pointLookup())) {
                    ResultCheck.requireSame(q, params, onDistData.rows(), onDerby.rows());
                }
                long runNanos = (onDistData == null ? STATEMENT_TIMEOUT.toNanos() : onDistData.nanos())
                        + onDerby.nanos();
                if (i == 0 && runNanos > SLOW_NANOS) {
                    warmups = 1;
                    reps = Math.min(reps, 3);
                }
                if (i >= warmups) {
                    dd[measured] = onDistData == null ? Double.NaN : onDistData.nanos() / 1e6;
                    db[measured] = onDerby.nanos() / 1e6;
                    measured++;
                    spent += runNanos;
                    if (spent > QUERY_BUDGET_NANOS && measured >= 3) {
                        break;
                    }
                }
            }
        } catch (RuntimeException e) {
            String message = q.id() + ": " + e.getMessage();
            failures.add(message);
            System.out.println("  FAILED " + message);
            return new Measurement(q, firstParams, explain, rowCount, null, null, measured, message,
                    STATEMENT_TIMEOUT);
        }
        Measurement m = new Measurement(q, firstParams, explain, rowCount,
                timedOut ? null : Arrays.copyOf(dd, measured), Arrays.copyOf(db, measured), measured, null,
                STATEMENT_TIMEOUT);
        System.out.printf("  %d rows; DistData median %s ms, p95 %s ms; Derby median %s ms, p95 %s ms (%d runs)%n",
                rowCount, m.distDataMedianText(), m.distDataP95Text(), Measurement.ms(m.derbyMedian()),
                Measurement.ms(m.derbyP95()), measured);
        return m;
    }

    private record Run(List<List<Object>> rows, long nanos) {
    }

    /** One timed run on DistData, or null if it exceeded the statement timeout. */
    private Run runDistData(BenchQuery q, List<Object> params) {
        long start = System.nanoTime();
        try {
            SqlResult r = distdata.execute(new SqlStatement(q.sql(), params, STATEMENT_TIMEOUT));
            return new Run(r.rows(), System.nanoTime() - start);
        } catch (DistDataException e) {
            if (e.code() == ErrorCode.TIMEOUT) {
                return null;
            }
            throw e;
        }
    }

    private Run runDerby(BenchQuery q, List<Object> params) {
        try {
            long start = System.nanoTime();
            List<List<Object>> rows = derbyQuery(q.sql(), params);
            return new Run(rows, System.nanoTime() - start);
        } catch (SQLException e) {
            throw new IllegalStateException("Derby: " + e.getMessage(), e);
        }
    }

    /** Runs a query on the baseline with a statement prepared once, reading values as the engine does. */
    private List<List<Object>> derbyQuery(String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = derbyStatements.get(sql);
        if (ps == null) {
            ps = derby.prepareStatement(sql);
            derbyStatements.put(sql, ps);
        }
        JdbcValues.bindAll(ps, params);
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            int[] types = derbyTypes.get(sql);
            if (types == null) {
                types = JdbcValues.types(rs.getMetaData());
                derbyTypes.put(sql, types);
            }
            while (rs.next()) {
                List<Object> row = new ArrayList<>(types.length);
                for (int i = 0; i < types.length; i++) {
                    row.add(JdbcValues.read(rs, i + 1, types[i]));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    // --- report

    /** What the markdown says before its tables: sizes, timing rules, how each system was loaded. */
    private List<String> preamble() {
        return List.of(String.format("%,d customers, %,d orders, %,d payments; %d partitions; %d repetitions per query"
                        + " (point lookups %d), after warm-up.", data.customers, data.orders, data.payments, PARTITIONS,
                        repetitions, pointRepetitions(repetitions)),
                String.format("Timing: each run is one statement, end to end in-process (DistData: `execute` with"
                        + " parameters; Derby: a statement prepared once, rows read into lists the same way). Runs"
                        + " alternate between the systems. The first %d runs of a query (point lookups %d) are"
                        + " warm-up, only one if that first run took over %d s on the two systems together, which"
                        + " also limits the measured runs to 3; the first run's results are compared across the"
                        + " systems (point lookups: every run); measuring stops after %d s per query once 3 runs are"
                        + " in. DistData's statement timeout: %.0f s.", 3, pointRepetitions(repetitions) / 10,
                        SLOW_NANOS / 1_000_000_000L, QUERY_BUDGET_NANOS / 1_000_000_000L,
                        STATEMENT_TIMEOUT.toMillis() / 1000.0),
                "Load (DistData: `insertRows` in chunks of " + CHUNK + " rows, one atomic transaction each; Derby:"
                        + " one JDBC batch of " + CHUNK + " rows per commit):");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
