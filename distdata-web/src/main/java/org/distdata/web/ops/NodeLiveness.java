package org.distdata.web.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.distdata.node.boundary.NodeBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: UP while the node is open. The node opens before the application
 * accepts requests, so DOWN here means it was closed or failed and the instance needs a
 * restart.
 */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {
    @Inject
    NodeBean nodeBean;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("distdata-node-live").status(nodeBean.ready()).build();
    }
}
