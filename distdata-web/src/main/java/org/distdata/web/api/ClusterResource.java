package org.distdata.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.distdata.node.boundary.NodeBean;
import org.distdata.web.json.JsonOutput;
import org.distdata.web.security.ApiRoles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The read-only cluster endpoints (admin), answered truthfully for what exists today: one
 * node that is coordinator and data node, holding every partition as its only replica
 * (replication factor 1). Fields API.md lists that have no truthful value yet (cluster id,
 * heartbeats, Raft term and indexes, partition sizes) are left out rather than invented;
 * the admitting, decommissioning and settings endpoints do not exist yet.
 */
@Path("")
@ApplicationScoped
@RolesAllowed(ApiRoles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    @Inject
    NodeBean nodeBean;

    @GET
    @Path("cluster")
    @Operation(summary = "Cluster overview: partitions, replication factor, nodes, health")
    public JsonObject cluster(@Context HttpServletRequest request) {
        int partitions = nodeBean.node().config().partitions();
        return JsonOutput.BUILDERS.createObjectBuilder()
                .add("partitions", partitions)
                .add("replicationFactor", 1)
                .add("metaLeader", nodeBean.node().config().nodeName())
                .add("nodes", JsonOutput.BUILDERS.createArrayBuilder().add(thisNode(request)))
                .add("health", nodeBean.ready() ? "OK" : "UNAVAILABLE")
                .build();
    }

    @GET
    @Path("nodes")
    @Operation(summary = "The cluster's nodes and their states")
    public JsonArray nodes(@Context HttpServletRequest request) {
        return JsonOutput.BUILDERS.createArrayBuilder().add(thisNode(request)).build();
    }

    @GET
    @Path("partitions")
    @Operation(summary = "Partitions and where their replicas are")
    public JsonArray partitions() {
        String node = nodeBean.node().config().nodeName();
        JsonArrayBuilder a = JsonOutput.BUILDERS.createArrayBuilder();
        for (int p = 0; p < nodeBean.node().config().partitions(); p++) {
            a.add(JsonOutput.BUILDERS.createObjectBuilder()
                    .add("id", p)
                    .add("leader", node)
                    .add("replicas", JsonOutput.BUILDERS.createArrayBuilder().add(
                            JsonOutput.BUILDERS.createObjectBuilder().add("node", node).add("role", "VOTER"))));
        }
        return a.build();
    }

    private JsonObject thisNode(HttpServletRequest request) {
        String name = nodeBean.node().config().nodeName();
        int partitions = nodeBean.node().config().partitions();
        return JsonOutput.BUILDERS.createObjectBuilder()
                .add("id", name)
                .add("name", name)
                .add("address", request.getLocalName() + ":" + request.getLocalPort())
                .add("roles", JsonOutput.BUILDERS.createArrayBuilder().add("coordinator").add("data"))
                .add("state", nodeBean.ready() ? "UP" : "JOINING")
                .add("replicas", partitions)
                .add("leaders", partitions)
                .build();
    }
}
