package org.distdata.cli.bench;

import org.HdrHistogram.Histogram;

/**
 * What one workload measured against one target: operations that succeeded, rows they
 * moved, errors (with the first error's message), wall time and the latency histogram
 * (microseconds) of the successful operations.
 */
public record WorkloadResult(String target, Workload workload, int clients, long operations, long rows,
                             long errors, String firstError, long elapsedNanos, Histogram latencyMicros) {

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double operationsPerSecond() {
        return seconds() == 0 ? 0 : operations / seconds();
    }

    public double rowsPerSecond() {
        return seconds() == 0 ? 0 : rows / seconds();
    }

    public double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
    }
}
