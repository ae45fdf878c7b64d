package org.distdata.cli.bench;

import org.distdata.cli.api.ConnectionOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench}: the load generator. Drives the API (and, with {@code --baseline-derby},
 * the same work against one embedded Derby database in this JVM) with N concurrent
 * clients and prints throughput and latency percentiles as Markdown.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Load generator: single-row inserts, point reads by primary key and bulk imports with N clients.",
                "Prints a Markdown table (throughput, p50/p99/max latency). With --baseline-derby DIR the same work "
                        + "also runs against a plain embedded Derby database, and a DistData/Derby comparison is printed."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-c", "--clients"}, defaultValue = "8", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Length length = new Length();

    /** Either a duration per workload or a total request count per workload. */
    static final class Length {
        @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS",
                description = "Seconds per workload (default 20).")
        Integer durationSeconds;

        @Option(names = {"-n", "--requests"}, paramLabel = "N", description = "Operations per workload, all clients together.")
        Long requests;
    }

    @Option(names = {"-w", "--workload"}, defaultValue = "all",
            description = "insert, point-read, import or all (default ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--rows", defaultValue = "10000",
            description = "Rows preloaded (untimed) before the run; point reads pick among them (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--import-batch", defaultValue = "1000", description = "Rows per import operation (default ${DEFAULT-VALUE}).")
    int importBatch;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "SECONDS",
            description = "Unrecorded warm-up per workload (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the generated rows (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--baseline-derby", paramLabel = "DIR",
            description = "Also run the same work against an embedded Derby database created in DIR.")
    Path baselineDerby;

    @Option(names = "--no-api", description = "Skip the DistData API (only the Derby baseline runs).")
    boolean noApi;

    @Override
    public Integer call() throws Exception {
        List<Workload> workloads = Workload.parse(workload);
        BenchRunner.Plan plan = plan();
        if (noApi && baselineDerby == null) {
            throw new IllegalArgumentException("--no-api needs --baseline-derby DIR");
        }
        List<WorkloadResult> results = new ArrayList<>();
        if (!noApi) {
            try (BenchTarget api = new ApiBenchTarget(connection::connect)) {
                results.addAll(runAll(api, plan, workloads));
            }
        }
        if (baselineDerby != null) {
            try (BenchTarget derby = new DerbyBenchTarget(baselineDerby)) {
                results.addAll(runAll(derby, plan, workloads));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d clients, %s per workload, %d preloaded rows, import batch %d rows%n%n",
                plan.clients(), plan.requests() > 0 ? plan.requests() + " operations" : plan.duration().toSeconds() + " s",
                plan.preloadRows(), plan.importBatch());
        System.out.print(LatencyReport.results(results));
        String comparison = LatencyReport.comparison(results, "DistData", "Derby (embedded)");
        if (!comparison.isEmpty()) {
            System.out.println();
            System.out.print(comparison);
        }
        for (WorkloadResult result : results) {
            if (result.firstError() != null) {
                System.err.printf("%s %s: %d errors, first: %s%n", result.target(), result.workload().label(),
                        result.errors(), result.firstError());
            }
        }
        return results.stream().anyMatch(r -> r.operations() == 0) ? 1 : 0;
    }

    /** The run's plan from the options; validates them. */
    BenchRunner.Plan plan() {
        if (clients < 1) {
            throw new IllegalArgumentException("--clients must be at least 1");
        }
        if (rows < 0 || importBatch < 1) {
            throw new IllegalArgumentException("--rows must be >= 0 and --import-batch >= 1");
        }
        long requests = length.requests == null ? 0 : length.requests;
        int seconds = length.durationSeconds == null ? 20 : length.durationSeconds;
        if (requests < 0 || seconds < 1) {
            throw new IllegalArgumentException("--duration and --requests must be positive");
        }
        return new BenchRunner.Plan(clients, Duration.ofSeconds(seconds), requests, Duration.ofSeconds(warmupSeconds),
                rows, importBatch, seed);
    }

    private static List<WorkloadResult> runAll(BenchTarget target, BenchRunner.Plan plan, List<Workload> workloads)
            throws Exception {
        BenchRunner runner = new BenchRunner(target, plan);
        System.err.printf("%s: preparing %s with %d rows%n", target.name(), BenchTarget.TABLE, plan.preloadRows());
        runner.prepare();
        List<WorkloadResult> results = new ArrayList<>();
        for (Workload workload : workloads) {
            System.err.printf("%s: %s with %d clients%n", target.name(), workload.label(), plan.clients());
            WorkloadResult result = runner.run(workload);
            System.err.printf(Locale.ROOT, "%s: %s done, %.1f ops/s%n", target.name(), workload.label(),
                    result.operationsPerSecond());
            results.add(result);
        }
        return results;
    }

    List<Workload> workloads() {
        return Workload.parse(workload);
    }

    Path baselineDerby() {
        return baselineDerby;
    }
}
