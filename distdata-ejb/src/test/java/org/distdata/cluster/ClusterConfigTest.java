package org.distdata.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ClusterConfigTest {
    private static final String THREE = "1:n1@127.0.0.1:7100,2:n2@127.0.0.1:7101,3:n3@127.0.0.1:7102";

    private static ClusterConfig read(String node, Map<String, String> keys) {
        return ClusterConfig.read(node, key -> Optional.ofNullable(keys.get(key)));
    }

    @Test
    void launcherSettingsNameThisNodeAndTheReplicationFactor() {
        ClusterConfig c = read("n2", Map.of("distdata.node.id", "2", "distdata.cluster.members", THREE,
                "distdata.replication.factor", "3", "distdata.api.url", "http://127.0.0.1:8081/"));

        assertThat(c.self()).isEqualTo(new ClusterMember(2, "n2", "127.0.0.1", 7101));
        assertThat(c.members().size()).isEqualTo(3);
        assertThat(c.replicationFactor()).isEqualTo(3);
        assertThat(c.apiUrl()).contains("http://127.0.0.1:8081");
        assertThat(c.suspectAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.downAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void withoutAnIdTheMemberOfThisNameIsThisNodeAndTheFactorDefaultsToThree() {
        ClusterConfig c = read("n3", Map.of("distdata.cluster.members", THREE));

        assertThat(c.self().id()).isEqualTo(3);
        assertThat(c.replicationFactor()).isEqualTo(3);
    }

    @Test
    void withoutAMemberListTheNodeIsAloneAtItsRpcAddress() {
        ClusterConfig c = read("solo", Map.of("distdata.rpc.port", "7205"));

        assertThat(c.self()).isEqualTo(new ClusterMember(1, "solo", "127.0.0.1", 7205));
        assertThat(c.members().members()).containsExactly(c.self());
        assertThat(c.replicationFactor()).as("min(3, 1)").isEqualTo(1);
        assertThat(c.apiUrl()).isEmpty();
    }

    @Test
    void failureTimeoutsAreIsoDurations() {
        ClusterConfig c = read("n1", Map.of("distdata.failure.suspect.after", "PT0.5S",
                "distdata.failure.down.after", "PT2S"));

        assertThat(c.suspectAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.downAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void inconsistentSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> read("n1", Map.of("distdata.node.id", "7", "distdata.cluster.members", THREE)))
                .hasMessageContaining("distdata.node.id=7 is not in distdata.cluster.members");
        assertThatThrownBy(() -> read("n1", Map.of("distdata.node.id", "2", "distdata.cluster.members", THREE)))
                .hasMessageContaining("distdata.node.id=2 is n2 in distdata.cluster.members, but this node is named n1");
        assertThatThrownBy(() -> read("n9", Map.of("distdata.cluster.members", THREE)))
                .hasMessageContaining("no member named n9");
        assertThatThrownBy(() -> read("n1", Map.of("distdata.cluster.members", THREE,
                "distdata.replication.factor", "4")))
                .hasMessageContaining("distdata.replication.factor must be between 1 and the number of members (3), got 4");
        assertThatThrownBy(() -> read("n1", Map.of("distdata.cluster.members", THREE,
                "distdata.replication.factor", "-9999999999")))
                .hasMessageContaining("got -9999999999");
        assertThatThrownBy(() -> read("n1", Map.of("distdata.rpc.port", "70000")))
                .hasMessageContaining("distdata.rpc.port must be 1..65535, got 70000");
        assertThatThrownBy(() -> read("n1", Map.of("distdata.node.id", "one")))
                .hasMessageContaining("distdata.node.id must be a number, got 'one'");
        assertThatThrownBy(() -> read("n1", Map.of("distdata.failure.suspect.after", "3s")))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> read("n1", Map.of("distdata.failure.suspect.after", "PT20S")))
                .hasMessageContaining("must be positive and shorter than distdata.failure.down.after");
    }
}
