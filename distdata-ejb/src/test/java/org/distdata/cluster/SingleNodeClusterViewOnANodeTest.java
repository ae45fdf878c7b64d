package org.distdata.cluster;

import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.sql.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The single-node view of a real node: partition sizes come from its Derby partitions and its catalog. */
@Timeout(120)
class SingleNodeClusterViewOnANodeTest {

    @Test
    void partitionRowsAddUpToTheDistributedTablesAndEveryPartitionHasBytesOnDisk(@TempDir Path dir) {
        try (Node node = Node.open(new NodeConfig("n1", dir, 4, Optional.of("view-admin-pw-1"), Duration.ofHours(1)))) {
            node.sql().execute(SqlStatement.of("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(10))"));
            node.sql().execute(SqlStatement.of("CREATE TABLE kinds (code CHAR(2) PRIMARY KEY) REFERENCE"));
            for (int i = 0; i < 20; i++) {
                node.sql().execute(SqlStatement.of("INSERT INTO items VALUES (" + i + ", 'x')"));
            }
            node.sql().execute(SqlStatement.of("INSERT INTO kinds VALUES ('AA'), ('BB')"));

            SingleNodeClusterView view = SingleNodeClusterView.of("n1", 4, dir, node::ready, node.catalog(),
                    key -> Optional.ofNullable(Map.of("distdata.rpc.port", "7300").get(key)));

            assertThat(view.partitionStatus()).hasSize(4);
            assertThat(view.partitionStatus().stream().mapToLong(PartitionStatus::rows).sum())
                    .as("the 20 rows of items; the reference table's copies are not counted").isEqualTo(20);
            assertThat(view.partitionStatus()).allSatisfy(p -> assertThat(p.bytes()).isPositive());
            assertThat(view.nodes().get(0).rpcAddress()).isEqualTo("127.0.0.1:7300");
            assertThat(view.nodes().get(0).load().diskFreeBytes()).isPositive();
            assertThat(view.health()).isEqualTo(ClusterHealth.OK);
        }
    }
}
