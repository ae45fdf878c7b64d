package org.distdata.cli.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyReportTest {

    private static WorkloadResult result(String target, Workload workload, long operations, long rows, double seconds,
                                         long... latenciesMicros) {
        Histogram histogram = new Histogram(3);
        for (long latency : latenciesMicros) {
            histogram.recordValue(latency);
        }
        return new WorkloadResult(target, workload, 8, operations, rows, 0, null, (long) (seconds * 1e9), histogram);
    }

    @Test
    void resultsTableShowsThroughputAndPercentilesInMilliseconds() {
        long[] latencies = new long[100];
        for (int i = 0; i < 100; i++) {
            latencies[i] = (i + 1) * 1_000L; // 1 ms .. 100 ms
        }
        String table = LatencyReport.results(List.of(result("DistData", Workload.INSERT, 2000, 2000, 10.0, latencies)));

        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table.lines().toList().get(0)).startsWith("| target | workload | clients | ops |");
        assertThat(table.lines().toList().get(2))
                .isEqualTo("| DistData | insert | 8 | 2000 | 0 | 10.0 | 200.0 | 200.0 | 50.02 | 99.01 | 100.03 |");
    }

    @Test
    void importRowsPerSecondCountsRowsNotOperations() {
        String table = LatencyReport.results(List.of(result("DistData", Workload.IMPORT, 10, 10_000, 5.0, 1000)));

        assertThat(table).contains("| import | 8 | 10 | 0 | 5.0 | 2.0 | 2000.0 |");
    }

    @Test
    void comparisonGivesThroughputRatioPerWorkload() {
        List<WorkloadResult> results = List.of(
                result("DistData", Workload.INSERT, 1000, 1000, 10.0, 2000),
                result("Derby (embedded)", Workload.INSERT, 4000, 4000, 10.0, 500),
                result("DistData", Workload.POINT_READ, 100, 100, 1.0, 900));

        String comparison = LatencyReport.comparison(results, "DistData", "Derby (embedded)");

        assertThat(comparison.lines().toList()).as("point-read has no baseline row").hasSize(3);
        assertThat(comparison).contains("| insert | 100.0 | 400.0 | 0.250× | 2.00 | 0.50 | 2.00 | 0.50 |");
    }

    @Test
    void comparisonIsEmptyWithoutBaseline() {
        assertThat(LatencyReport.comparison(List.of(result("DistData", Workload.INSERT, 1, 1, 1.0, 10)),
                "DistData", "Derby (embedded)")).isEmpty();
    }

    @Test
    void emptyHistogramReportsZeroLatencyNotAnError() {
        WorkloadResult none = result("DistData", Workload.INSERT, 0, 0, 1.0);

        assertThat(none.percentileMillis(99)).isZero();
        assertThat(none.maxMillis()).isZero();
        assertThat(LatencyReport.ratio(5, 0)).isEqualTo("n/a");
    }
}
