package org.distdata.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner against the real in-process Derby baseline, small enough to take a few seconds. */
class BenchRunnerTest {

    static {
        // No fsync per commit: these tests count operations, they do not measure durability.
        System.setProperty("derby.system.durability", "test");
    }

    private static BenchRunner.Plan plan(long requests) {
        return new BenchRunner.Plan(3, Duration.ofSeconds(20), requests, Duration.ZERO, 200, 20, 7);
    }

    @Test
    void requestModeRunsExactlyThatManyOperationsAcrossClients(@TempDir Path dir) throws Exception {
        try (DerbyBenchTarget derby = new DerbyBenchTarget(dir)) {
            BenchRunner runner = new BenchRunner(derby, plan(60));
            runner.prepare();

            WorkloadResult inserts = runner.run(Workload.INSERT);
            WorkloadResult reads = runner.run(Workload.POINT_READ);
            WorkloadResult imports = runner.run(Workload.IMPORT);

            assertThat(inserts.operations()).isEqualTo(60);
            assertThat(inserts.errors()).as("ids after the preloaded rows never collide").isZero();
            assertThat(inserts.latencyMicros().getTotalCount()).isEqualTo(60);
            assertThat(reads.operations()).isEqualTo(60);
            assertThat(reads.errors()).as("every point read finds its preloaded row").isZero();
            assertThat(imports.operations()).isEqualTo(60);
            assertThat(imports.rows()).isEqualTo(60 * 20);
            assertThat(imports.errors()).isZero();
            assertThat(inserts.target()).isEqualTo("Derby (embedded)");
        }
    }

    @Test
    void failingOperationsAreCountedNotMeasured(@TempDir Path dir) throws Exception {
        try (DerbyBenchTarget derby = new DerbyBenchTarget(dir)) {
            BenchRunner runner = new BenchRunner(derby, plan(30));
            runner.prepare();
            runner.run(Workload.INSERT);

            // A second runner starts its ids at the preloaded rows again: every insert now collides.
            WorkloadResult duplicates = new BenchRunner(derby, plan(30)).run(Workload.INSERT);

            assertThat(duplicates.operations()).isZero();
            assertThat(duplicates.errors()).isEqualTo(30);
            assertThat(duplicates.firstError()).containsIgnoringCase("duplicate");
            assertThat(duplicates.latencyMicros().getTotalCount()).isZero();
        }
    }
}
