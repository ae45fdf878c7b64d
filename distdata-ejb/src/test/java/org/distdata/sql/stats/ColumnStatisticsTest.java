package org.distdata.sql.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ColumnStatisticsTest {

    @Test
    void hyperLogLogEstimatesManyDistinctValuesWithinAFewPercent() {
        for (int n : new int[] {10, 1_000, 100_000, 1_000_000}) {
            HyperLogLog sketch = new HyperLogLog();
            for (int i = 0; i < n; i++) {
                sketch.add("v" + i);
                sketch.add("v" + i); // repeats change nothing
            }
            assertThat((double) sketch.estimate()).as("estimate for %d", n).isCloseTo(n, within(n * 0.05 + 1));
        }
    }

    @Test
    void mergedPartitionSketchesEstimateTheUnionAndSurviveTheCatalog() {
        HyperLogLog a = new HyperLogLog();
        HyperLogLog b = new HyperLogLog();
        for (int i = 0; i < 60_000; i++) {
            a.add("k" + i);
        }
        for (int i = 40_000; i < 100_000; i++) {
            b.add("k" + i);
        }
        HyperLogLog union = HyperLogLog.fromBytes(a.toBytes()).merge(HyperLogLog.fromBytes(b.toBytes()));
        assertThat((double) union.estimate()).isCloseTo(100_000, within(5_000.0));
        assertThatThrownBy(() -> HyperLogLog.fromBytes(new byte[10])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fewDistinctValuesAreCountedExactlyAcrossPartitions() {
        ColumnStatisticsCollector p1 = new ColumnStatisticsCollector();
        ColumnStatisticsCollector p2 = new ColumnStatisticsCollector();
        for (String s : new String[] {"DE", "FR", null, "FR"}) {
            p1.add(s);
        }
        for (String s : new String[] {"NL", "DE", null, null}) {
            p2.add(s);
        }
        ColumnStatistics stats = p1.merge(p2).result();
        assertThat(stats.rows()).isEqualTo(8);
        assertThat(stats.nulls()).isEqualTo(3);
        assertThat(stats.distinct()).isEqualTo(3);
        assertThat(stats.exactDistinct()).isTrue();
        assertThat(stats.min()).isEqualTo("DE");
        assertThat(stats.max()).isEqualTo("NL");
        assertThat(stats.nullFraction()).isEqualTo(3.0 / 8);
        assertThat(stats.equalitySelectivity()).isCloseTo((5.0 / 8) / 3, within(1e-9));
    }

    @Test
    void manyDistinctValuesSwitchToTheSketchAndKeepMinAndMax() {
        List<ColumnStatisticsCollector> partitions = new ArrayList<>();
        Random random = new Random(7);
        for (int p = 0; p < 16; p++) {
            partitions.add(new ColumnStatisticsCollector());
        }
        for (int id = 1; id <= 50_000; id++) {
            partitions.get(random.nextInt(16)).add((long) id);
        }
        ColumnStatisticsCollector table = partitions.get(0);
        partitions.subList(1, 16).forEach(table::merge);
        ColumnStatistics stats = table.result();
        assertThat(stats.exactDistinct()).isFalse();
        assertThat((double) stats.distinct()).isCloseTo(50_000, within(2_500.0));
        assertThat(stats.min()).isEqualTo(1L);
        assertThat(stats.max()).isEqualTo(50_000L);
        assertThat(stats.nulls()).isZero();
    }

    @Test
    void equalDecimalsWithDifferentScalesAreOneDistinctValue() {
        ColumnStatisticsCollector c = new ColumnStatisticsCollector();
        c.add(new BigDecimal("1.50"));
        c.add(new BigDecimal("1.5"));
        c.add(new BigDecimal("0.00"));
        c.add(BigDecimal.ZERO);
        assertThat(c.result().distinct()).isEqualTo(2);
    }

    @Test
    void anEmptyColumnHasNoMinMaxAndZeroSelectivity() {
        ColumnStatistics stats = new ColumnStatisticsCollector().result();
        assertThat(stats.rows()).isZero();
        assertThat(stats.min()).isNull();
        assertThat(stats.equalitySelectivity()).isZero();
        assertThat(stats.nullFraction()).isZero();
    }
}
