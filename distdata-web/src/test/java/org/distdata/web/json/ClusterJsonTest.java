package org.distdata.web.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.distdata.cluster.ClusterHealth;
import org.distdata.cluster.ClusterNode;
import org.distdata.cluster.ClusterView;
import org.distdata.cluster.ConsistencyCheck;
import org.distdata.cluster.ConsistencyReport;
import org.distdata.cluster.ConsistencyReport.PartitionCheck;
import org.distdata.cluster.ConsistencyReport.ReplicaChecksum;
import org.distdata.cluster.NodeLoad;
import org.distdata.cluster.NodeRole;
import org.distdata.cluster.NodeState;
import org.distdata.cluster.PartitionStatus;
import org.distdata.cluster.ReplicaRole;
import org.distdata.cluster.ReplicaStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.StringReader;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster endpoints' JSON has API.md's fields, with node names where nodes are referred to. */
@Timeout(10)
class ClusterJsonTest {
    private static final Instant T = Instant.parse("2026-12-03T15:00:00Z");

    private static final List<ClusterNode> NODES = List.of(
            new ClusterNode(1, "n1", "127.0.0.1:7100", Optional.of("http://127.0.0.1:8080"),
                    EnumSet.of(NodeRole.DATA, NodeRole.COORDINATOR), NodeState.UP, T, Optional.of(T.plusSeconds(5)),
                    new NodeLoad(0.12345, 100, 1000, 5000), 2, 1),
            new ClusterNode(2, "n2", "127.0.0.1:7101", Optional.empty(), EnumSet.of(NodeRole.DATA),
                    NodeState.JOINING, T, Optional.empty(), NodeLoad.UNKNOWN, 1, 0));

    private static final ClusterView VIEW = new ClusterView() {
        @Override
        public String clusterId() {
            return "c-42";
        }

        @Override
        public int partitions() {
            return 2;
        }

        @Override
        public int replicationFactor() {
            return 2;
        }

        @Override
        public OptionalLong metaLeader() {
            return OptionalLong.of(1);
        }

        @Override
        public List<ClusterNode> nodes() {
            return NODES;
        }

        @Override
        public List<PartitionStatus> partitionStatus() {
            return List.of(
                    new PartitionStatus(0, OptionalLong.of(1), List.of(new ReplicaStatus(1, ReplicaRole.VOTER, 17),
                            new ReplicaStatus(2, ReplicaRole.LEARNER, 3)), 4, 17, 250, 65536),
                    new PartitionStatus(1, OptionalLong.empty(), List.of(new ReplicaStatus(9, ReplicaRole.VOTER, -1)),
                            -1, -1, -1, -1));
        }

        @Override
        public ClusterHealth health() {
            return ClusterHealth.DEGRADED;
        }

        @Override
        public ConsistencyCheck consistencyCheck() {
            return () -> new ConsistencyReport(List.of());
        }
    };

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void clusterHasApiMdsFieldsWithTheMetaLeaderByName() {
        JsonObject cluster = ClusterJson.cluster(VIEW);

        assertThat(cluster.keySet()).containsExactly("clusterId", "partitions", "replicationFactor", "metaLeader",
                "nodes", "health");
        assertThat(cluster.getString("clusterId")).isEqualTo("c-42");
        assertThat(cluster.getInt("partitions")).isEqualTo(2);
        assertThat(cluster.getInt("replicationFactor")).isEqualTo(2);
        assertThat(cluster.getString("metaLeader")).isEqualTo("n1");
        assertThat(cluster.getJsonArray("nodes")).hasSize(2);
        assertThat(cluster.getString("health")).isEqualTo("DEGRADED");
    }

    @Test
    void nodesCarryIdStateCountsAndHeartbeatWithNullForTheUnknown() {
        JsonArray nodes = ClusterJson.nodes(NODES);

        assertThat(parse(nodes.getJsonObject(0).toString())).isEqualTo(parse("""
                {"id": 1, "name": "n1", "address": "127.0.0.1:7100", "roles": ["coordinator", "data"],
                 "state": "UP", "replicas": 2, "leaders": 1, "lastHeartbeat": "2026-12-03T15:00:05Z",
                 "apiUrl": "http://127.0.0.1:8080", "since": "2026-12-03T15:00:00Z",
                 "load": {"cpu": 0.123, "heapUsedBytes": 100, "heapMaxBytes": 1000, "diskFreeBytes": 5000}}
                """));
        JsonObject joining = nodes.getJsonObject(1);
        assertThat(joining.getString("state")).isEqualTo("JOINING");
        assertThat(joining.isNull("lastHeartbeat")).isTrue();
        assertThat(joining.isNull("apiUrl")).isTrue();
        assertThat(joining.getJsonObject("load").isNull("cpu")).isTrue();
        assertThat(joining.getJsonObject("load").isNull("heapMaxBytes")).isTrue();
    }

    @Test
    void partitionsNameTheirLeaderAndReplicasAndShowUnknownNumbersAsNull() {
        JsonArray partitions = ClusterJson.partitions(VIEW);

        assertThat(parse(partitions.getJsonObject(0).toString())).isEqualTo(parse("""
                {"id": 0, "leader": "n1",
                 "replicas": [{"node": "n1", "role": "VOTER", "matchIndex": 17},
                              {"node": "n2", "role": "LEARNER", "matchIndex": 3}],
                 "term": 4, "commitIndex": 17, "rows": 250, "bytes": 65536}
                """));
        assertThat(parse(partitions.getJsonObject(1).toString())).as("no leader, a node the view does not list")
                .isEqualTo(parse("""
                        {"id": 1, "leader": null, "replicas": [{"node": "9", "role": "VOTER", "matchIndex": null}],
                         "term": null, "commitIndex": null, "rows": null, "bytes": null}
                        """));
    }

    @Test
    void reportShowsPerPartitionChecksumsErrorsAndTheOverallVerdict() {
        ConsistencyReport report = new ConsistencyReport(List.of(
                new PartitionCheck(0, 17, List.of(ReplicaChecksum.of(1, "ab"), ReplicaChecksum.of(2, "ab"))),
                new PartitionCheck(1, 9, List.of(ReplicaChecksum.of(1, "ab"), ReplicaChecksum.failed(2, "timeout")))));

        JsonObject json = ClusterJson.report(report, NODES);

        assertThat(json.getBoolean("consistent")).isFalse();
        assertThat(parse(json.getJsonArray("partitions").getJsonObject(0).toString())).isEqualTo(parse("""
                {"id": 0, "consistent": true, "appliedIndex": 17,
                 "replicas": [{"node": "n1", "checksum": "ab", "error": null},
                              {"node": "n2", "checksum": "ab", "error": null}]}
                """));
        JsonObject failed = json.getJsonArray("partitions").getJsonObject(1);
        assertThat(failed.getBoolean("consistent")).isFalse();
        assertThat(failed.getJsonArray("replicas").getJsonObject(1).getString("error")).isEqualTo("timeout");
        assertThat(failed.getJsonArray("replicas").getJsonObject(1).isNull("checksum")).isTrue();
    }
}
