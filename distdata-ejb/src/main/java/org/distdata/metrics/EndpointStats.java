package org.distdata.metrics;

/**
 * One endpoint's traffic over the metrics window: requests, throughput, latency percentiles
 * in milliseconds, and how many answered with an error status.
 */
public record EndpointStats(String endpoint, long requests, double requestsPerSecond, double p50Ms, double p99Ms,
                            double maxMs, long errors) {
}
