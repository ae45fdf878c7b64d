package org.distdata.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class SingleNodeClusterViewTest {
    private static final ClusterMember SELF = new ClusterMember(1, "n1", "127.0.0.1", 7100);
    private static final NodeLoad LOAD = new NodeLoad(0.5, 10, 20, 30);

    private final AtomicBoolean ready = new AtomicBoolean(true);

    private SingleNodeClusterView view(int partitions) {
        return new SingleNodeClusterView(SELF, Optional.of("http://127.0.0.1:8080"), "c-1", partitions, ready::get,
                Instant.EPOCH, () -> LOAD, SingleNodeClusterView.PartitionSizes.unknown());
    }

    @Test
    void oneNodeLeadsEveryPartitionAsItsOnlyReplica() {
        SingleNodeClusterView view = view(4);

        assertThat(view.replicationFactor()).isEqualTo(1);
        assertThat(view.metaLeader()).isEqualTo(OptionalLong.of(1));
        assertThat(view.health()).isEqualTo(ClusterHealth.OK);
        assertThat(view.nodes()).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("n1");
            assertThat(n.rpcAddress()).isEqualTo("127.0.0.1:7100");
            assertThat(n.apiUrl()).contains("http://127.0.0.1:8080");
            assertThat(n.roles()).containsExactly(NodeRole.COORDINATOR, NodeRole.DATA);
            assertThat(n.state()).isEqualTo(NodeState.UP);
            assertThat(n.replicas()).isEqualTo(4);
            assertThat(n.leaders()).isEqualTo(4);
            assertThat(n.load()).isEqualTo(LOAD);
        });
        assertThat(view.partitionStatus()).extracting(PartitionStatus::id).containsExactly(0, 1, 2, 3);
        assertThat(view.partitionStatus()).allSatisfy(p -> {
            assertThat(p.leader()).isEqualTo(OptionalLong.of(1));
            assertThat(p.replicas()).containsExactly(new ReplicaStatus(1, ReplicaRole.VOTER, -1));
            assertThat(p.term()).as("no Raft").isEqualTo(-1);
        });
    }

    @Test
    void aNodeThatIsNotReadyLeadsNothingAndTheClusterIsUnavailable() {
        ready.set(false);
        SingleNodeClusterView view = view(2);

        assertThat(view.health()).isEqualTo(ClusterHealth.UNAVAILABLE);
        assertThat(view.metaLeader()).isEmpty();
        assertThat(view.nodes().get(0).state()).isEqualTo(NodeState.JOINING);
        assertThat(view.nodes().get(0).leaders()).isZero();
        assertThat(view.partitionStatus()).allSatisfy(p -> assertThat(p.leader()).isEmpty());
    }

    @Test
    void theCheckFindsOneConsistentReplicaPerPartition() {
        ConsistencyReport report = view(3).consistencyCheck().run();

        assertThat(report.consistent()).isTrue();
        assertThat(report.partitions()).hasSize(3).allSatisfy(p -> {
            assertThat(p.consistent()).isTrue();
            assertThat(p.replicas()).extracting(ConsistencyReport.ReplicaChecksum::node).containsExactly(1L);
        });
    }

    @Test
    void clusterIdIsCreatedOnceAndThenKept(@TempDir Path dir) throws Exception {
        String first = SingleNodeClusterView.clusterId(dir.resolve("data"));
        String second = SingleNodeClusterView.clusterId(dir.resolve("data"));

        assertThat(first).isNotBlank().isEqualTo(second);
        assertThat(Files.readString(dir.resolve("data/cluster.id")).strip()).isEqualTo(first);
        assertThat(SingleNodeClusterView.clusterId(dir.resolve("other"))).isNotEqualTo(first);
    }

    @Test
    void partitionBytesAreTheSizesOfTheirDirectories(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("p0000/seg0"));
        Files.write(dir.resolve("p0000/seg0/c10.dat"), new byte[1000]);
        Files.write(dir.resolve("p0000/log.ctrl"), new byte[24]);
        Files.createDirectories(dir.resolve("p0001"));

        long[] bytes = SingleNodeClusterView.localSizes(dir, null).bytes(3);

        assertThat(bytes).containsExactly(1024, 0, -1);
    }

    @Test
    void ofReadsIdentityFromTheMemberList(@TempDir Path dir) {
        SingleNodeClusterView view = SingleNodeClusterView.of("n2", 2, dir, () -> true, null,
                key -> Optional.ofNullable(java.util.Map.of(
                        "distdata.cluster.members", "1:n1@127.0.0.1:7100,2:n2@127.0.0.1:7101",
                        "distdata.api.url", "http://127.0.0.1:8081").get(key)));

        assertThat(view.nodes()).extracting(ClusterNode::id, ClusterNode::rpcAddress, ClusterNode::apiUrl)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "127.0.0.1:7101",
                        Optional.of("http://127.0.0.1:8081")));
        assertThat(view.clusterId()).isEqualTo(SingleNodeClusterView.clusterId(dir));
        assertThat(List.of(view.nodes().get(0).load().heapMaxBytes())).doesNotContain(0L);
    }
}
