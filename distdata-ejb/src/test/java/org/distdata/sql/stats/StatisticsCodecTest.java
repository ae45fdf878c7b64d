package org.distdata.sql.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.distdata.catalog.entity.TableStatisticsEntity;
import org.junit.jupiter.api.Test;

class StatisticsCodecTest {

    @Test
    void everyOrderedColumnTypeReadsBackAsAnEqualValueOfTheSameClass() {
        List<Comparable<?>> values = List.of(42, Integer.MIN_VALUE, 9_000_000_000L, (short) -7,
                new BigDecimal("1.50"), new BigDecimal("1E+3"), new BigDecimal("-0.000001"),
                1e300, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 2.5f, Float.MIN_VALUE,
                "", "a:b", "line\nbreak, comma; \"quoted\"", "Ünïcødé ✓",
                LocalDate.of(2024, 2, 29), LocalDate.of(-44, 3, 15),
                LocalTime.of(10, 15), LocalTime.of(23, 59, 59, 123_456_789),
                LocalDateTime.of(2024, 2, 29, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59, 1),
                true, false);
        for (Comparable<?> value : values) {
            Comparable<?> back = StatisticsCodec.decode(StatisticsCodec.encode(value));
            assertThat(back).as("%s (%s)", value, value.getClass().getSimpleName())
                    .isEqualTo(value).hasSameClassAs(value);
        }
    }

    @Test
    void unknownTypesAndUnreadableTextBecomeAnUnknownBoundInsteadOfAnError() {
        assertThat(StatisticsCodec.encode(UUID.randomUUID())).isNull();
        assertThat(StatisticsCodec.encode(null)).isNull();
        assertThat(StatisticsCodec.decode(null)).isNull();
        assertThat(StatisticsCodec.decode("Uuid:0000")).isNull();
        assertThat(StatisticsCodec.decode("Integer:forty-two")).isNull();
        assertThat(StatisticsCodec.decode("no tag at all")).isNull();
    }

    @Test
    void tableStatisticsSurviveTheTripThroughTheCatalogEntity() {
        TableStatistics analyzed = new TableStatistics("ORDERS", 7, new long[] {3, 0, 4},
                Map.of("ID", new ColumnStatistics(7, 0, 7, true, 1, 7),
                        "AMOUNT", new ColumnStatistics(7, 2, 5, false, new BigDecimal("0.10"), new BigDecimal("99.00")),
                        "NOTE", new ColumnStatistics(7, 7, 0, true, null, null)),
                12);
        TableStatisticsEntity entity = TableStatisticsEntity.of(
                StatisticsCodec.toStored(analyzed, Instant.ofEpochMilli(1_700_000_000_123L)));

        TableStatistics back = StatisticsCodec.fromStored(entity.toStored(), 3);

        assertThat(entity.analyzedAtEpochMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(back.table()).isEqualTo("ORDERS");
        assertThat(back.rows()).isEqualTo(7);
        assertThat(back.rowsPerPartition()).containsExactly(3, 0, 4);
        assertThat(back.columns()).isEqualTo(analyzed.columns());
        assertThat(back.catalogVersion()).as("catalog versions restart with the node").isEqualTo(3);
    }
}
