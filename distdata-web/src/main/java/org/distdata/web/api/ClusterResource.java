package org.distdata.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.distdata.cluster.ClusterView;
import org.distdata.cluster.ConsistencyReport;
import org.distdata.replication.boundary.RaftHostBean;
import org.distdata.web.json.ClusterJson;
import org.distdata.web.security.ApiRoles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The cluster endpoints (admin): the node's {@link ClusterView}, from the Raft host's bean, as
 * API.md's JSON (see {@link ClusterJson}), and the consistency check that compares every partition's replicas.
 * Admitting, decommissioning and removing nodes and changing settings online are not
 * served yet.
 */
@Path("")
@ApplicationScoped
@RolesAllowed(ApiRoles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    @Inject
    RaftHostBean raftHost;

    @GET
    @Path("cluster")
    @Operation(summary = "Cluster overview: partitions, replication factor, meta leader, nodes, health")
    public JsonObject cluster() {
        return ClusterJson.cluster(raftHost.cluster());
    }

    @GET
    @Path("nodes")
    @Operation(summary = "The cluster's nodes: state, replicas and leaderships held, last heartbeat")
    public JsonArray nodes() {
        return ClusterJson.nodes(raftHost.cluster().nodes());
    }

    @GET
    @Path("partitions")
    @Operation(summary = "Partitions: leader, replicas, Raft term and commit index, size")
    public JsonArray partitions() {
        return ClusterJson.partitions(raftHost.cluster());
    }

    @POST
    @Path("cluster/check")
    @Operation(summary = "Compare every partition's replicas at one applied index (checksums); may take a while")
    public JsonObject check() {
        ClusterView view = raftHost.cluster();
        ConsistencyReport report = view.consistencyCheck().run();
        return ClusterJson.report(report, view.nodes());
    }
}
