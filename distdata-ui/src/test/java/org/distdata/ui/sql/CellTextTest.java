package org.distdata.ui.sql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CellTextTest {

    @Test
    void sqlNullHasNoTextSoTheGridCanMarkIt() {
        assertThat(CellText.of(null)).isNull();
    }

    @Test
    void decimalsAreShownExactlyWithoutExponent() {
        assertThat(CellText.of(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CellText.of(new BigDecimal("12.50"))).isEqualTo("12.50");
    }

    @Test
    void datesAreIso8601() {
        assertThat(CellText.of(LocalDate.of(2026, 1, 2))).isEqualTo("2026-01-02");
        assertThat(CellText.of(LocalDateTime.of(2026, 1, 2, 3, 4, 5))).isEqualTo("2026-01-02T03:04:05");
    }

    @Test
    void binaryIsHexAndLongValuesAreCut() {
        assertThat(CellText.of(new byte[]{0x0a, (byte) 0xff})).isEqualTo("0x0aff");
        assertThat(CellText.of(new byte[100])).startsWith("0x0000").endsWith("… (100 bytes)");
    }
}
