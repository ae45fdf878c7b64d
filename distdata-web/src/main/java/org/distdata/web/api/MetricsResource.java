package org.distdata.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.distdata.metrics.EndpointStats;
import org.distdata.metrics.MetricsSummary;
import org.distdata.metrics.NodeResources;
import org.distdata.node.boundary.NodeBean;
import org.distdata.web.json.JsonOutput;
import org.distdata.web.security.ApiRoles;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * {@code GET /api/v1/metrics/summary} (reader), for the console. Shape:
 * {@code {"windowSeconds", "requests", "requestsPerSecond", "endpoints": [{"endpoint",
 * "requests", "requestsPerSecond", "p50Ms", "p99Ms", "maxMs", "errors"}], "nodes": [{"node",
 * "heapUsedBytes", "heapMaxBytes", "processCpuLoad", "systemCpuLoad", "availableProcessors",
 * "uptimeMillis"}]}} — traffic over the last minute, CPU loads 0..1 (-1 = unknown).
 */
@Path("metrics")
@ApplicationScoped
public class MetricsResource {
    @Inject
    NodeBean nodeBean;

    @GET
    @Path("summary")
    @RolesAllowed(ApiRoles.READER)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Throughput, latency percentiles per endpoint, and node resources")
    public Response summary() {
        String node = nodeBean.node().config().nodeName();
        MetricsSummary s = nodeBean.requestMetrics().summary(List.of(NodeResources.sample(node)));
        return Response.ok(JsonOutput.stream(g -> {
            g.writeStartObject()
                    .write("windowSeconds", s.windowSeconds())
                    .write("requests", s.requests())
                    .write("requestsPerSecond", round(s.requestsPerSecond()));
            g.writeStartArray("endpoints");
            for (EndpointStats e : s.endpoints()) {
                g.writeStartObject()
                        .write("endpoint", e.endpoint())
                        .write("requests", e.requests())
                        .write("requestsPerSecond", round(e.requestsPerSecond()))
                        .write("p50Ms", round(e.p50Ms()))
                        .write("p99Ms", round(e.p99Ms()))
                        .write("maxMs", round(e.maxMs()))
                        .write("errors", e.errors())
                        .writeEnd();
            }
            g.writeEnd();
            g.writeStartArray("nodes");
            for (NodeResources n : s.nodes()) {
                g.writeStartObject()
                        .write("node", n.node())
                        .write("heapUsedBytes", n.heapUsedBytes())
                        .write("heapMaxBytes", n.heapMaxBytes())
                        .write("processCpuLoad", round(n.processCpuLoad()))
                        .write("systemCpuLoad", round(n.systemCpuLoad()))
                        .write("availableProcessors", n.availableProcessors())
                        .write("uptimeMillis", n.uptimeMillis())
                        .writeEnd();
            }
            g.writeEnd().writeEnd();
        }), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
