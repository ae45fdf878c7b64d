package org.distdata.sql.correctness.diff;

import org.distdata.cluster.ConsistencyReport;
import org.distdata.sql.correctness.DerbyOracle;
import org.distdata.sql.correctness.DistDataClusterEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differential test on a replicated cluster: the same seeded stream as
 * {@link DifferentialQueryTest}, on three in-process nodes with 16 partitions at replication
 * factor 3, statements taking turns among the three gateways, judged against one Derby. Every
 * answer must agree — writes to several partitions (multi-row inserts, updates and deletes by
 * predicate, the reference table) commit by two-phase commit across the nodes that lead them.
 * The consistency check runs every {@code diff.checkEvery} operations (default 100) and at the
 * end, and must find every replica of every partition identical.
 */
@Tag("cluster")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ClusterDifferentialQueryTest {
    static final int DEFAULT_QUERIES = 1000;

    @TempDir
    Path dataDir;

    @Test
    void randomQueriesAndDmlThroughEveryGatewayAgreeWithDerby() {
        long seed = Long.getLong("diff.seed", DifferentialQueryTest.DEFAULT_SEED);
        int queries = Integer.getInteger("diff.queries", DEFAULT_QUERIES);
        int checkEvery = Integer.getInteger("diff.checkEvery", 100);
        Integer only = Integer.getInteger("diff.only");
        try (DistDataClusterEngine cluster = DistDataClusterEngine.open(dataDir, "diff-cluster");
             DerbyOracle derby = new DerbyOracle()) {
            int[] operations = {0};
            int[] checks = {0};
            Runnable check = () -> {
                ConsistencyReport report = cluster.consistencyCheck();
                checks[0]++;
                assertThat(report.consistent()).as("replicas after operation " + operations[0] + " (seed " + seed
                        + "): " + report).isTrue();
            };
            DiffTally tally = new DifferentialRun(cluster, derby)
                    .run("ClusterDifferentialQueryTest", seed, queries, only, () -> {
                        if (++operations[0] % checkEvery == 0) {
                            check.run();
                        }
                    });
            check.run();
            System.out.printf("cluster differential seed %d on %s: %d consistency checks, replicas identical%n",
                    seed, cluster.describe(), checks[0]);
            assertThat(tally.failures).as("operations where the cluster disagrees with Derby (seed " + seed + ")")
                    .isEmpty();
            if (only == null) {
                assertThat(tally.queries).as("SELECTs compared").isGreaterThanOrEqualTo(queries);
            }
        }
    }
}
