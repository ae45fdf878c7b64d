package org.distdata.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

class JoinKeyTest {

    @Test
    void exactNumbersOfEqualValueAreOneKeyWhateverTheirClass() {
        JoinKey[] threes = {JoinKey.of(3), JoinKey.of(3L), JoinKey.of((short) 3), JoinKey.of(new BigDecimal("3.00")),
                JoinKey.of(new BigDecimal("3")), JoinKey.of(3.0), JoinKey.of(3.0f)};
        for (JoinKey a : threes) {
            for (JoinKey b : threes) {
                assertThat(a.matches(b)).as("%s = %s", a, b).isTrue();
                assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            }
        }
        assertThat(JoinKey.of(3).matches(JoinKey.of(new BigDecimal("3.01")))).isFalse();
        assertThat(JoinKey.of(3L).matches(JoinKey.of(4))).isFalse();
    }

    @Test
    void approximateNumbersCompareWithExactOnesAsDoublesLikeDerby() {
        // Derby: DECIMAL 0.1 = DOUBLE 0.1 (compared as doubles), REAL 0.1 <> DOUBLE 0.1 (a REAL widens exactly).
        assertThat(JoinKey.of(0.1).matches(JoinKey.of(new BigDecimal("0.10")))).isTrue();
        assertThat(JoinKey.of(0.1)).hasSameHashCodeAs(JoinKey.of(new BigDecimal("0.1")));
        assertThat(JoinKey.of(0.1f).matches(JoinKey.of(0.1))).isFalse();
        assertThat(JoinKey.of(0.5f).matches(JoinKey.of(new BigDecimal("0.50")))).isTrue();
        assertThat(JoinKey.of(-0.0).matches(JoinKey.of(0))).isTrue();
        assertThat(JoinKey.of(-0.0)).hasSameHashCodeAs(JoinKey.of(0.0));
    }

    @Test
    void stringsIgnoreTrailingBlanksOnly() {
        assertThat(JoinKey.of("a").matches(JoinKey.of("a  "))).isTrue();
        assertThat(JoinKey.of("a")).hasSameHashCodeAs(JoinKey.of("a  "));
        assertThat(JoinKey.of("").matches(JoinKey.of("   "))).isTrue();
        assertThat(JoinKey.of("a").matches(JoinKey.of(" a"))).isFalse();
        assertThat(JoinKey.of("a").matches(JoinKey.of("a\t"))).isFalse();
        assertThat(JoinKey.of("a").matches(JoinKey.of("A"))).isFalse();
    }

    @Test
    void bytesCompareByContentPaddedWithBlanksLikeDerbyBitData() {
        assertThat(JoinKey.of((Object) new byte[] {1, 2}).matches(JoinKey.of((Object) new byte[] {1, 2}))).isTrue();
        assertThat(JoinKey.of((Object) new byte[] {0x61}).matches(JoinKey.of((Object) new byte[] {0x61, 0x20}))).isTrue();
        assertThat(JoinKey.of((Object) new byte[] {0x61})).hasSameHashCodeAs(JoinKey.of((Object) new byte[] {0x61, 0x20}));
        assertThat(JoinKey.of((Object) new byte[] {0x61}).matches(JoinKey.of((Object) new byte[] {0x61, 0}))).isFalse();
    }

    @Test
    void datesTimesAndBooleansCompareByValueWithinTheirKind() {
        LocalDate day = LocalDate.of(2024, 2, 29);
        assertThat(JoinKey.of(day).matches(JoinKey.of(LocalDate.parse("2024-02-29")))).isTrue();
        assertThat(JoinKey.of(day).matches(JoinKey.of(day.atStartOfDay()))).isFalse(); // Derby cannot compare them
        assertThat(JoinKey.of(LocalTime.NOON).matches(JoinKey.of(LocalTime.of(12, 0)))).isTrue();
        assertThat(JoinKey.of(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 100_000_000))
                .matches(JoinKey.of(LocalDateTime.parse("2024-01-01T00:00:00.1")))).isTrue();
        assertThat(JoinKey.of(true).matches(JoinKey.of(Boolean.TRUE))).isTrue();
        assertThat(JoinKey.of(true).matches(JoinKey.of(false))).isFalse();
    }

    @Test
    void valuesOfDifferentFamiliesNeverMatch() {
        assertThat(JoinKey.of(1).matches(JoinKey.of("1"))).isFalse();
        assertThat(JoinKey.of(true).matches(JoinKey.of(1))).isFalse();
        assertThat(JoinKey.of(LocalDate.EPOCH).matches(JoinKey.of(0))).isFalse();
    }

    @Test
    void aKeyWithNullMatchesNothingButIsStillALawfulMapKey() {
        JoinKey k = JoinKey.of(1, null);
        assertThat(k.hasNull()).isTrue();
        assertThat(k.matches(k)).isFalse();
        assertThat(k.matches(JoinKey.of(1, null))).isFalse();
        assertThat(k).isEqualTo(JoinKey.of(1L, null)).hasSameHashCodeAs(JoinKey.of(1L, null));
        assertThat(k).isNotEqualTo(JoinKey.of(1, 2));
        assertThat(JoinKey.of(1, 2).hasNull()).isFalse();
    }

    @Test
    void multiColumnKeysMatchComponentByComponent() {
        assertThat(JoinKey.of(1, "x").matches(JoinKey.of(1L, "x "))).isTrue();
        assertThat(JoinKey.of(1, "x").matches(JoinKey.of("x", 1))).isFalse();
        assertThat(JoinKey.of(1, "x").matches(JoinKey.of(1))).isFalse();
        assertThat(JoinKey.of(1, 2)).isNotEqualTo(JoinKey.of(2, 1));
    }

    @Test
    void rowFormsAgreeWithTheKeyObject() {
        Object[] left = {"pad", 7, "k  "};
        Object[] right = {new BigDecimal("7.0"), "k", null};
        int[] lk = {1, 2};
        int[] rk = {0, 1};
        assertThat(JoinKey.hash(left, lk)).isEqualTo(JoinKey.of(left, lk).hashCode())
                .isEqualTo(JoinKey.hash(right, rk));
        assertThat(JoinKey.matches(left, lk, right, rk)).isTrue();
        assertThat(JoinKey.hasNull(right, new int[] {2})).isTrue();
        assertThat(JoinKey.matches(right, new int[] {2}, right, new int[] {2})).isFalse();
        assertThat(JoinKey.of(left, lk).value(0)).isEqualTo(7);
        assertThat(JoinKey.of(left, lk).size()).isEqualTo(2);
    }

    @Test
    void consecutiveIntegersSpreadOverHashBits() {
        // The join table and the exchange take different bits of the hash; both must vary.
        int lowBits = 0;
        int highBits = 0;
        for (int i = 0; i < 1024; i++) {
            int h = JoinKey.of(i).hashCode();
            lowBits |= 1 << (h & 31);
            highBits |= 1 << (h >>> 27);
        }
        assertThat(lowBits).isEqualTo(-1);
        assertThat(highBits).isEqualTo(-1);
    }
}
