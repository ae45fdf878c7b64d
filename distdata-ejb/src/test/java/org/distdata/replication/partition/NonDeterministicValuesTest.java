package org.distdata.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.distdata.error.DistDataException;
import org.junit.jupiter.api.Test;

class NonDeterministicValuesTest {

    private final NonDeterministicValues values = new NonDeterministicValues(
            Clock.fixed(Instant.parse("2026-12-03T15:40:01.123456Z"), ZoneOffset.UTC));

    @Test
    void currentDateTimeAndTimestampBecomeTheLeadersLiterals() {
        assertThat(values.resolve("INSERT INTO t VALUES (?, CURRENT_TIMESTAMP, current_date, CURRENT_TIME)"))
                .isEqualTo("INSERT INTO t VALUES (?, TIMESTAMP('2026-12-03 15:40:01.123456'), DATE('2026-12-03'), "
                        + "TIME('15:40:01'))");
    }

    @Test
    void theSpacedSpellingIsResolvedToo() {
        assertThat(values.resolve("UPDATE t SET d = CURRENT   DATE, ts = current timestamp"))
                .isEqualTo("UPDATE t SET d = DATE('2026-12-03'), ts = TIMESTAMP('2026-12-03 15:40:01.123456')");
    }

    @Test
    void literalsQuotedNamesAndCommentsAreLeftAlone() {
        String sql = "INSERT INTO \"CURRENT_DATE\" VALUES ('CURRENT_TIMESTAMP', 'it''s CURRENT_TIME') -- CURRENT_DATE";
        assertThat(values.resolve(sql)).isSameAs(sql);
    }

    @Test
    void wordsThatOnlyContainTheNameAreNotTouched() {
        String sql = "UPDATE t SET my_current_date = ?, current_dates = ?";
        assertThat(values.resolve(sql)).isSameAs(sql);
    }

    @Test
    void randomValuesAndSequencesAreRefusedWithAClearError() {
        assertThatThrownBy(() -> values.resolve("INSERT INTO t VALUES (RANDOM())"))
                .isInstanceOf(DistDataException.class).hasMessageContaining("RANDOM()").hasMessageContaining("parameter");
        assertThatThrownBy(() -> values.resolve("INSERT INTO t VALUES (rand (7))"))
                .isInstanceOf(DistDataException.class).hasMessageContaining("RAND()");
        assertThatThrownBy(() -> values.resolve("INSERT INTO t VALUES (NEXT VALUE FOR s)"))
                .isInstanceOf(DistDataException.class).hasMessageContaining("NEXT VALUE FOR");
        assertThat(values.resolve("UPDATE t SET random = 1, next = 2")).isEqualTo("UPDATE t SET random = 1, next = 2");
    }
}
