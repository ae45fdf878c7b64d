package org.distdata.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RequestMetricsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RequestMetrics metrics = new RequestMetrics(now::get);

    @Test
    void percentilesAndThroughputArePerEndpoint() {
        now.addAndGet(10_000);
        for (int i = 1; i <= 100; i++) {
            metrics.record("POST /api/v1/sql", TimeUnit.MILLISECONDS.toNanos(i), i > 98);
        }
        metrics.record("GET /api/v1/tables", TimeUnit.MILLISECONDS.toNanos(5), false);

        MetricsSummary s = metrics.summary(List.of());
        assertThat(s.requests()).isEqualTo(101);
        assertThat(s.windowSeconds()).isEqualTo(10.0);
        EndpointStats sql = s.endpoints().stream().filter(e -> e.endpoint().equals("POST /api/v1/sql")).findFirst().orElseThrow();
        assertThat(sql.requests()).isEqualTo(100);
        assertThat(sql.requestsPerSecond()).isEqualTo(10.0);
        assertThat(sql.p50Ms()).isCloseTo(50.0, within(1.0));
        assertThat(sql.p99Ms()).isCloseTo(99.0, within(1.5));
        assertThat(sql.errors()).isEqualTo(2);
    }

    @Test
    void requestsOlderThanTheWindowAreForgotten() {
        metrics.record("POST /api/v1/sql", 1_000_000, false);
        now.addAndGet(61_000);
        metrics.record("POST /api/v1/sql", 1_000_000, false);
        assertThat(metrics.summary(List.of()).requests()).isEqualTo(1);
    }

    @Test
    void nodeResourcesAreSampled() {
        NodeResources r = NodeResources.sample("n1");
        assertThat(r.heapUsedBytes()).isPositive();
        assertThat(r.availableProcessors()).isPositive();
    }
}
