package org.distdata.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one query measured: the parameters of its first run, DistData's EXPLAIN lines, the
 * result's row count, DistData's and Derby's run times in ms ({@code distData} is null when
 * DistData exceeded the statement {@code timeout}), or the failure that stopped it.
 */
record Measurement(BenchQuery query, List<Object> params, List<String> explain, int rows, double[] distData,
                   double[] derby, int runs, String failure, Duration timeout) {
    boolean distDataTimedOut() {
        return distData == null;
    }

    double distDataMedian() {
        return percentile(distData, 50);
    }

    double distDataP95() {
        return percentile(distData, 95);
    }

    String distDataMedianText() {
        return distDataTimedOut() ? "> " + timeout.toMillis() + " (timed out)" : ms(distDataMedian());
    }

    String distDataP95Text() {
        return distDataTimedOut() ? "—" : ms(distDataP95());
    }

    String ratioText() {
        return distDataTimedOut() ? "> " + ratio(timeout.toMillis() / derbyMedian()) + "×"
                : ratio(distDataMedian() / derbyMedian()) + "×";
    }

    double derbyMedian() {
        return percentile(derby, 50);
    }

    double derbyP95() {
        return percentile(derby, 95);
    }

    /** Nearest-rank percentile. */
    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static String ms(double v) {
        return v < 10 ? String.format("%.3f", v) : v < 1000 ? String.format("%.1f", v) : String.format("%,.0f", v);
    }

    static String ratio(double v) {
        return v < 10 ? String.format("%.2f", v) : String.format("%,.0f", v);
    }
}
