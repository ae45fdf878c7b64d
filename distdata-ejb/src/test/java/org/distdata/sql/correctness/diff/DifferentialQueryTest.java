package org.distdata.sql.correctness.diff;

import org.distdata.sql.correctness.DerbyOracle;
import org.distdata.sql.correctness.DistDataNodeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test of the SQL engine on one node (16 partitions) against a single Derby
 * ({@link DifferentialRun}): every answer must agree. {@code -Ddiff.queries=N} (SELECTs in
 * the stream; DML and ANALYZE come on top) and {@code -Ddiff.seed=S} choose the stream,
 * {@code -Ddiff.only=IDX} replays one operation (after the DML and ANALYZE before it).
 * {@link ClusterDifferentialQueryTest} runs the same stream on a replicated cluster.
 */
class DifferentialQueryTest {
    /** What CI must compare at the least: the acceptance bar. */
    static final int CI_MINIMUM_QUERIES = 2000;
    static final int DEFAULT_QUERIES = 2000;
    static final long DEFAULT_SEED = 20261127L;

    @TempDir
    Path dataDir;

    @Test
    void randomQueriesAndDmlAgreeWithDerby() {
        long seed = Long.getLong("diff.seed", DEFAULT_SEED);
        Integer requested = Integer.getInteger("diff.queries");
        int queries = requested == null ? DEFAULT_QUERIES : requested;
        Integer only = Integer.getInteger("diff.only");
        try (DistDataNodeEngine node = DistDataNodeEngine.open(dataDir, "diff");
             DerbyOracle derby = new DerbyOracle()) {
            DiffTally tally = new DifferentialRun(node, derby).run("DifferentialQueryTest", seed, queries, only, () -> { });
            assertThat(tally.failures).as("operations where DistData disagrees with Derby (seed " + seed + ")")
                    .isEmpty();
            if (only == null) {
                assertThat(tally.queries).as("SELECTs compared").isGreaterThanOrEqualTo(queries);
            }
            if (only == null && requested == null) {
                assertThat(tally.queries).as("SELECTs compared in a default (CI) run").isGreaterThanOrEqualTo(
                        CI_MINIMUM_QUERIES);
            }
        }
    }
}
