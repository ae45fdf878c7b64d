package org.distdata.web.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.distdata.node.boundary.NodeBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: UP once the node has opened its storage and serves requests. */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {
    @Inject
    NodeBean nodeBean;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("distdata-node-ready").status(nodeBean.ready()).build();
    }
}
