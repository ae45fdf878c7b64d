package org.distdata.node;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchAvgTest {
    @TempDir
    Path dir;

    @Test
    void avg() throws Exception {
        try (NodeCluster c = NodeCluster.start(dir, 3, 4)) {
            c.awaitLeaders(Duration.ofSeconds(60));
            c.sql(1, "CREATE TABLE cu (id INT PRIMARY KEY, name VARCHAR(10), balance DECIMAL(10,2))");
            for (int i = 0; i < 20; i++) {
                c.sql(1 + i % 3, "INSERT INTO cu VALUES (?, ?, ?)", i, "n" + (i % 4), new java.math.BigDecimal(i * 7 + ".33"));
            }
            for (long g = 1; g <= 3; g++) {
                System.out.println("AVG via " + g + ": " + c.sql(g, "SELECT COUNT(DISTINCT name), AVG(balance) FROM cu").rows()
                   + " " + c.sql(g, "SELECT balance FROM cu WHERE id = 3").columns());
                var r = c.node(g).replication().orElseThrow().executor().query(0, "SELECT balance FROM cu", java.util.List.of());
                System.out.println("AVG types via " + g + ": " + r.ddlTypes());
                r.close();
            }
        }
    }
}
