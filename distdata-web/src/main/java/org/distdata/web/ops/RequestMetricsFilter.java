package org.distdata.web.ops;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.distdata.node.boundary.NodeBean;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times every API request and records it twice: in a MicroProfile Metrics timer
 * {@code distdata_request} tagged with the endpoint (Prometheus, {@code /metrics}), and in the
 * node's {@link org.distdata.metrics.RequestMetrics} for the console's JSON summary. Runs
 * before authentication checks so refused requests are counted too. Timers are looked up
 * once per endpoint and cached.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String START = RequestMetricsFilter.class.getName() + ".start";
    /** Unit stated explicitly: Payara's Prometheus output otherwise labels raw nanoseconds as seconds. */
    private static final Metadata TIMER = Metadata.builder().withName("distdata_request")
            .withDescription("API requests by endpoint").withUnit(MetricUnits.NANOSECONDS).build();

    @Context
    ResourceInfo resourceInfo;

    @Inject
    MetricRegistry registry;

    @Inject
    NodeBean nodeBean;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        if (!(start instanceof Long startNanos)) {
            return;
        }
        long nanos = System.nanoTime() - startNanos;
        Method method = resourceInfo.getResourceMethod();
        String endpoint = method == null ? request.getMethod() + " (unmatched)" : EndpointNames.of(method);
        nodeBean.requestMetrics().record(endpoint, nanos, response.getStatus() >= 400);
        timers.computeIfAbsent(endpoint, e -> registry.timer(TIMER, new Tag("endpoint", e)))
                .update(Duration.ofNanos(nanos));
    }
}
