package org.distdata.web.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.distdata.cluster.ClusterNode;
import org.distdata.cluster.ClusterView;
import org.distdata.cluster.ConsistencyReport;
import org.distdata.cluster.NodeLoad;
import org.distdata.cluster.NodeRole;
import org.distdata.cluster.PartitionStatus;
import org.distdata.cluster.ReplicaStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The JSON of the cluster endpoints (API.md, "Cluster"), from a {@link ClusterView}.
 * Nodes appear by id in {@code GET /nodes} and by name wherever another object refers to
 * one ({@code metaLeader}, a partition's {@code leader}, a replica's {@code node}), as the
 * API showed them before there were ids. A number the view does not know (-1) and a
 * missing leader or heartbeat are JSON null. Besides API.md's fields, a node carries
 * {@code apiUrl}, {@code since} and {@code load}.
 */
public final class ClusterJson {
    private ClusterJson() {
    }

    /** {@code GET /api/v1/cluster}. */
    public static JsonObject cluster(ClusterView view) {
        List<ClusterNode> nodes = view.nodes();
        JsonObjectBuilder o = JsonOutput.BUILDERS.createObjectBuilder()
                .add("clusterId", view.clusterId())
                .add("partitions", view.partitions())
                .add("replicationFactor", view.replicationFactor());
        addNodeName(o, "metaLeader", view.metaLeader(), names(nodes));
        return o.add("nodes", nodes(nodes))
                .add("health", view.health().name())
                .build();
    }

    /** {@code GET /api/v1/nodes}. */
    public static JsonArray nodes(List<ClusterNode> nodes) {
        JsonArrayBuilder a = JsonOutput.BUILDERS.createArrayBuilder();
        for (ClusterNode n : nodes) {
            JsonArrayBuilder roles = JsonOutput.BUILDERS.createArrayBuilder();
            n.roles().stream().map(NodeRole::id).forEach(roles::add);
            JsonObjectBuilder o = JsonOutput.BUILDERS.createObjectBuilder()
                    .add("id", n.id())
                    .add("name", n.name())
                    .add("address", n.rpcAddress())
                    .add("roles", roles)
                    .add("state", n.state().name())
                    .add("replicas", n.replicas())
                    .add("leaders", n.leaders());
            n.lastHeartbeat().ifPresentOrElse(t -> o.add("lastHeartbeat", t.toString()), () -> o.addNull("lastHeartbeat"));
            n.apiUrl().ifPresentOrElse(u -> o.add("apiUrl", u), () -> o.addNull("apiUrl"));
            o.add("since", n.since().toString());
            o.add("load", load(n.load()));
            a.add(o);
        }
        return a.build();
    }

    /** {@code GET /api/v1/partitions}; node names are looked up in {@code view.nodes()}. */
    public static JsonArray partitions(ClusterView view) {
        return partitions(view.partitionStatus(), names(view.nodes()));
    }

    static JsonArray partitions(List<PartitionStatus> partitions, Map<Long, String> names) {
        JsonArrayBuilder a = JsonOutput.BUILDERS.createArrayBuilder();
        for (PartitionStatus p : partitions) {
            JsonObjectBuilder o = JsonOutput.BUILDERS.createObjectBuilder().add("id", p.id());
            addNodeName(o, "leader", p.leader(), names);
            JsonArrayBuilder replicas = JsonOutput.BUILDERS.createArrayBuilder();
            for (ReplicaStatus r : p.replicas()) {
                JsonObjectBuilder replica = JsonOutput.BUILDERS.createObjectBuilder()
                        .add("node", name(r.node(), names))
                        .add("role", r.role().name());
                replicas.add(addKnown(replica, "matchIndex", r.matchIndex()));
            }
            o.add("replicas", replicas);
            addKnown(o, "term", p.term());
            addKnown(o, "commitIndex", p.commitIndex());
            addKnown(o, "rows", p.rows());
            addKnown(o, "bytes", p.bytes());
            a.add(o);
        }
        return a.build();
    }

    /**
     * {@code POST /api/v1/cluster/check}: {@code {"consistent", "partitions": [{"id",
     * "consistent", "appliedIndex", "replicas": [{"node", "checksum", "error"}]}]}}.
     */
    public static JsonObject report(ConsistencyReport report, List<ClusterNode> nodes) {
        Map<Long, String> names = names(nodes);
        JsonArrayBuilder partitions = JsonOutput.BUILDERS.createArrayBuilder();
        for (ConsistencyReport.PartitionCheck p : report.partitions()) {
            JsonArrayBuilder replicas = JsonOutput.BUILDERS.createArrayBuilder();
            for (ConsistencyReport.ReplicaChecksum r : p.replicas()) {
                JsonObjectBuilder replica = JsonOutput.BUILDERS.createObjectBuilder().add("node", name(r.node(), names));
                r.checksum().ifPresentOrElse(c -> replica.add("checksum", c), () -> replica.addNull("checksum"));
                r.error().ifPresentOrElse(e -> replica.add("error", e), () -> replica.addNull("error"));
                replicas.add(replica);
            }
            JsonObjectBuilder o = JsonOutput.BUILDERS.createObjectBuilder()
                    .add("id", p.partition())
                    .add("consistent", p.consistent());
            partitions.add(addKnown(o, "appliedIndex", p.appliedIndex()).add("replicas", replicas));
        }
        return JsonOutput.BUILDERS.createObjectBuilder()
                .add("consistent", report.consistent())
                .add("partitions", partitions)
                .build();
    }

    private static JsonObject load(NodeLoad load) {
        JsonObjectBuilder o = JsonOutput.BUILDERS.createObjectBuilder();
        if (load.cpuLoad() < 0) {
            o.addNull("cpu");
        } else {
            o.add("cpu", Math.round(load.cpuLoad() * 1000) / 1000.0);
        }
        addKnown(o, "heapUsedBytes", load.heapUsedBytes());
        addKnown(o, "heapMaxBytes", load.heapMaxBytes());
        return addKnown(o, "diskFreeBytes", load.diskFreeBytes()).build();
    }

    private static Map<Long, String> names(List<ClusterNode> nodes) {
        Map<Long, String> names = new HashMap<>();
        nodes.forEach(n -> names.put(n.id(), n.name()));
        return names;
    }

    /** A node the view no longer lists (removed meanwhile) still shows, by its id. */
    private static String name(long node, Map<Long, String> names) {
        return names.getOrDefault(node, Long.toString(node));
    }

    private static void addNodeName(JsonObjectBuilder o, String key, OptionalLong node, Map<Long, String> names) {
        if (node.isPresent()) {
            o.add(key, name(node.getAsLong(), names));
        } else {
            o.addNull(key);
        }
    }

    private static JsonObjectBuilder addKnown(JsonObjectBuilder o, String key, long value) {
        return value < 0 ? o.addNull(key) : o.add(key, value);
    }
}
