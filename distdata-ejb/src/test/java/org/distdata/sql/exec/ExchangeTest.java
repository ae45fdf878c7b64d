package org.distdata.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distdata.sql.exec.Relations.row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.distdata.relation.Relation;
import org.junit.jupiter.api.Test;

class ExchangeTest {
    private static final int[] FIRST = {0};

    @Test
    void equalKeysOfDifferentClassesLandInTheSameBucket() {
        Object[][] threes = {row(3), row(3L), row((short) 3), row(new BigDecimal("3.00")), row(3.0)};
        for (int buckets = 1; buckets <= 7; buckets++) {
            for (Object[] r : threes) {
                assertThat(Exchange.bucketOf(r, FIRST, buckets)).isEqualTo(Exchange.bucketOf(threes[0], FIRST, buckets))
                        .isEqualTo(Math.floorMod(JoinKey.of(r, FIRST).hashCode(), buckets));
            }
        }
        assertThat(Exchange.bucketOf(row("ab  "), FIRST, 5)).isEqualTo(Exchange.bucketOf(row("ab"), FIRST, 5));
    }

    @Test
    void nullKeysGoToBucketZero() {
        List<Relation> out = Exchange.repartition(List.of(Relations.of(List.of("K", "V"), row(null, 1), row(null, 2))),
                FIRST, 4);

        assertThat(out.get(0).rows()).containsExactly(row(null, 1), row(null, 2));
        assertThat(out.subList(1, 4)).allSatisfy(r -> assertThat(r.rows()).isEmpty());
    }

    @Test
    void repartitionRoutesEveryRowOnceKeepingInputOrderAndCountsRowsThatMove() {
        Random rnd = new Random(7);
        List<Relation> inputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inputs.add(Relations.random(rnd, 500, 50, 10, "P"));
        }
        ExchangeStats stats = new ExchangeStats();

        List<Relation> buckets = Exchange.repartition(inputs, FIRST, 3, stats);

        assertThat(buckets).hasSize(3).allSatisfy(b -> assertThat(b.columns()).isEqualTo(inputs.get(0).columns()));
        long stayed = 0;
        for (int b = 0; b < 3; b++) {
            List<Object[]> expected = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                for (Object[] r : inputs.get(i).rows()) {
                    if (Exchange.bucketOf(r, FIRST, 3) == b) {
                        expected.add(r);
                        stayed += i == b ? 1 : 0;
                    }
                }
            }
            assertThat(buckets.get(b).rows()).containsExactlyElementsOf(expected);
        }
        assertThat(stats.rowsRouted()).isEqualTo(1500);
        assertThat(stats.rowsMoved()).isEqualTo(1500 - stayed).isPositive();
    }

    @Test
    void gatherUnionsInInputOrderAndMovesEveryRow() {
        Relation a = Relations.of(List.of("K"), row(1), row(2));
        Relation b = Relations.of(List.of("K"));
        Relation c = Relations.of(List.of("K"), row(3));
        ExchangeStats stats = new ExchangeStats();

        Relation all = Exchange.gather(List.of(a, b, c), stats);

        assertThat(all.rows()).containsExactly(row(1), row(2), row(3));
        assertThat(all.columns()).isEqualTo(a.columns());
        assertThat(stats.rowsRouted()).isEqualTo(3);
        assertThat(stats.rowsMoved()).isEqualTo(3);
    }
}
