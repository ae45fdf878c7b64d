package org.distdata.cli.cluster;

import org.distdata.cli.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class NodeStatusTest {
    private static final List<NodeStatus> PROCESSES = List.of(
            new NodeStatus("n1", "UP", "http://127.0.0.1:8080/api/v1", null, null),
            new NodeStatus("n2", "UP", "http://127.0.0.1:8081/api/v1", null, null),
            new NodeStatus("n3", "DOWN", "http://127.0.0.1:8082/api/v1", null, null));

    @Test
    void theClustersViewWinsAndNodesItDoesNotListKeepTheirProcessState() {
        var nodes = Json.parse("""
                [{"id": 1, "name": "n1", "state": "UP", "replicas": 16, "leaders": 6,
                  "apiUrl": "http://127.0.0.1:8080"},
                 {"id": 2, "name": "n2", "state": "SUSPECT", "replicas": 16, "leaders": 10, "apiUrl": null}]
                """).asJsonArray();

        String table = NodeStatus.format(NodeStatus.merge(nodes, PROCESSES));

        assertThat(table).isEqualTo("""
                NODE  STATE    API                           REPLICAS  LEADERS
                n1    UP       http://127.0.0.1:8080/api/v1        16        6
                n2    SUSPECT  http://127.0.0.1:8081/api/v1        16       10
                n3    DOWN     http://127.0.0.1:8082/api/v1         -        -
                """);
    }

    @Test
    void withoutAnAnswerEveryNodeShowsItsProcessState() {
        assertThat(NodeStatus.format(NodeStatus.merge(null, PROCESSES))).isEqualTo("""
                NODE  STATE  API                           REPLICAS  LEADERS
                n1    UP     http://127.0.0.1:8080/api/v1         -        -
                n2    UP     http://127.0.0.1:8081/api/v1         -        -
                n3    DOWN   http://127.0.0.1:8082/api/v1         -        -
                """);
    }

    @Test
    void aNodeOnlyTheClusterKnowsIsListedWithoutALocalUrl() {
        var nodes = Json.parse("""
                [{"id": 7, "name": "db-eu-1", "state": "JOINING", "replicas": 0, "leaders": 0}]
                """).asJsonArray();

        assertThat(NodeStatus.merge(nodes, List.of())).containsExactly(
                new NodeStatus("db-eu-1", "JOINING", null, 0, 0));
        assertThat(NodeStatus.format(NodeStatus.merge(nodes, List.of()))).contains("db-eu-1  JOINING  -");
    }
}
