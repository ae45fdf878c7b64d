package org.distdata.partition;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HashPartitionerTest {
    private final HashPartitioner partitioner = new HashPartitioner(16);

    private int partition(Object value, int jdbcType) {
        return partitioner.partitionOf(KeyEncoder.encode(value, KeyEncoder.family(jdbcType)).orElseThrow());
    }

    @Test
    void everySpellingOfOneIntegerLandsInOnePartition() {
        int p = partition(42L, Types.INTEGER);
        assertThat(partition(42, Types.BIGINT)).isEqualTo(p);
        assertThat(partition(new BigDecimal("42.000"), Types.INTEGER)).isEqualTo(p);
        assertThat(partition("42", Types.SMALLINT)).isEqualTo(p);
    }

    @Test
    void decimalsAreCanonicalizedAndCharKeysIgnoreTrailingBlanks() {
        assertThat(partition(new BigDecimal("1.50"), Types.DECIMAL)).isEqualTo(partition(new BigDecimal("1.5"), Types.DECIMAL));
        assertThat(partition("ab  ", Types.CHAR)).isEqualTo(partition("ab", Types.CHAR));
    }

    @Test
    void inexactValuesHaveNoEncodingSoTheyCannotPrune() {
        assertThat(KeyEncoder.encode(new BigDecimal("5.5"), KeyEncoder.Family.INTEGER)).isEmpty();
        assertThat(KeyEncoder.encode("abc", KeyEncoder.Family.INTEGER)).isEmpty();
        assertThat(KeyEncoder.encode(1L, KeyEncoder.Family.TEXT)).isEmpty();
    }

    @Test
    void keysSpreadOverAllPartitions() {
        Set<Integer> seen = new HashSet<>();
        int[] counts = new int[16];
        for (long k = 0; k < 16_000; k++) {
            int p = partition(k, Types.BIGINT);
            seen.add(p);
            counts[p]++;
        }
        assertThat(seen).hasSize(16);
        for (int c : counts) {
            assertThat(c).isBetween(800, 1200);
        }
    }
}
