package org.distdata.sql.correctness.slt;

import org.distdata.sql.correctness.DistDataClusterEngine;
import org.distdata.sql.correctness.EngineUnderTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The sqllogictest bar on a replicated cluster: three in-process nodes, 16 partitions at
 * replication factor 3, statements taking turns among the three gateways (so a table created
 * through one node is filled through the others and read through a third). Every record
 * Derby passes, the cluster passes too. {@code -Dslt.clusterReport=docs/correctness.md}
 * writes the per-file table into that document. See {@link SltRegressionBar} for sampling.
 */
@Tag("cluster")
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ClusterSqlLogicTestRegressionTest extends SltRegressionBar {

    @Override
    EngineUnderTest open(Path scratch) {
        return DistDataClusterEngine.open(scratch, "slt-cluster");
    }

    @Override
    String reportProperty() {
        return "slt.clusterReport";
    }

    @Override
    String reportMarker() {
        return "slt-cluster-table";
    }
}
