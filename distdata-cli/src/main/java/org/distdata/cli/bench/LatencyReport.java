package org.distdata.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats bench results as Markdown for BENCHMARKS.md: one row per target and workload
 * (throughput, p50/p99/max latency), and, when both DistData and the Derby baseline ran,
 * a comparison table with the DistData/Derby throughput ratio.
 */
public final class LatencyReport {

    private LatencyReport() {
    }

    public static String results(List<WorkloadResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| target | workload | clients | ops | errors | seconds | ops/s | rows/s | p50 ms | p99 ms | max ms |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (WorkloadResult r : results) {
            out.append("| ").append(r.target())
                    .append(" | ").append(r.workload().label())
                    .append(" | ").append(r.clients())
                    .append(" | ").append(r.operations())
                    .append(" | ").append(r.errors())
                    .append(" | ").append(fixed(r.seconds(), 1))
                    .append(" | ").append(fixed(r.operationsPerSecond(), 1))
                    .append(" | ").append(fixed(r.rowsPerSecond(), 1))
                    .append(" | ").append(fixed(r.percentileMillis(50), 2))
                    .append(" | ").append(fixed(r.percentileMillis(99), 2))
                    .append(" | ").append(fixed(r.maxMillis(), 2))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** The comparison table, or empty when one of the two targets did not run. */
    public static String comparison(List<WorkloadResult> results, String distdata, String baseline) {
        StringBuilder out = new StringBuilder();
        for (Workload workload : Workload.values()) {
            Optional<WorkloadResult> ours = find(results, distdata, workload);
            Optional<WorkloadResult> theirs = find(results, baseline, workload);
            if (ours.isEmpty() || theirs.isEmpty()) {
                continue;
            }
            if (out.isEmpty()) {
                out.append("| workload | DistData ops/s | Derby ops/s | DistData / Derby throughput | DistData p50 ms | Derby p50 ms | DistData p99 ms | Derby p99 ms |\n");
                out.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
            }
            WorkloadResult a = ours.get();
            WorkloadResult b = theirs.get();
            out.append("| ").append(workload.label())
                    .append(" | ").append(fixed(a.operationsPerSecond(), 1))
                    .append(" | ").append(fixed(b.operationsPerSecond(), 1))
                    .append(" | ").append(ratio(a.operationsPerSecond(), b.operationsPerSecond()))
                    .append(" | ").append(fixed(a.percentileMillis(50), 2))
                    .append(" | ").append(fixed(b.percentileMillis(50), 2))
                    .append(" | ").append(fixed(a.percentileMillis(99), 2))
                    .append(" | ").append(fixed(b.percentileMillis(99), 2))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static Optional<WorkloadResult> find(List<WorkloadResult> results, String target, Workload workload) {
        return results.stream().filter(r -> r.target().equals(target) && r.workload() == workload).findFirst();
    }

    static String ratio(double ours, double theirs) {
        return theirs == 0 ? "n/a" : fixed(ours / theirs, 3) + "×";
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
