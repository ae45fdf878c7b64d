package org.distdata.metrics;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Request latency and throughput per endpoint (e.g. {@code POST /api/v1/sql}) over a sliding
 * one-minute window, for the console's summary. The REST layer records every request; the
 * Prometheus view of the same traffic is MicroProfile Metrics' job.
 */
public final class RequestMetrics {
    private static final int SLICES = 6;
    private static final long SLICE_MILLIS = 10_000;

    private final LongSupplier millisClock;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    private static final class Endpoint {
        final LatencyWindow latency;
        final LatencyWindow errors;

        Endpoint(LongSupplier clock) {
            latency = new LatencyWindow(SLICES, SLICE_MILLIS, clock);
            errors = new LatencyWindow(SLICES, SLICE_MILLIS, clock);
        }
    }

    private final long startMillis;

    public RequestMetrics() {
        this(System::currentTimeMillis);
    }

    public RequestMetrics(LongSupplier millisClock) {
        this.millisClock = millisClock;
        this.startMillis = millisClock.getAsLong();
    }

    /** Records one finished request of {@code endpoint} that took {@code nanos}; {@code error} for 4xx/5xx. */
    public void record(String endpoint, long nanos, boolean error) {
        Endpoint e = endpoints.computeIfAbsent(endpoint, k -> new Endpoint(millisClock));
        e.latency.record(nanos);
        if (error) {
            e.errors.record(nanos);
        }
    }

    public MetricsSummary summary(List<NodeResources> nodes) {
        // Before a full window has passed, rates are over the time actually observed.
        long windowMillis = SLICES * SLICE_MILLIS;
        double seconds = Math.max(1.0, Math.min(windowMillis, millisClock.getAsLong() - startMillis) / 1000.0);
        List<EndpointStats> stats = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
            Histogram h = entry.getValue().latency.snapshot();
            long n = h.getTotalCount();
            if (n == 0) {
                continue;
            }
            total += n;
            stats.add(new EndpointStats(entry.getKey(), n, n / seconds,
                    h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getMaxValue() / 1000.0, entry.getValue().errors.snapshot().getTotalCount()));
        }
        stats.sort(Comparator.comparing(EndpointStats::endpoint));
        return new MetricsSummary(seconds, total, total / seconds, stats, nodes);
    }
}
