package org.distdata.metrics;

import java.util.List;

/**
 * {@code GET /api/v1/metrics/summary}: traffic over the last {@code windowSeconds} in total
 * and per endpoint, and the resources of each node (today: this node only).
 */
public record MetricsSummary(double windowSeconds, long requests, double requestsPerSecond,
                             List<EndpointStats> endpoints, List<NodeResources> nodes) {
}
