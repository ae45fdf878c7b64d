package org.distdata.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distdata.sql.exec.Relations.row;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.distdata.relation.Relation;
import org.distdata.relation.RelationColumn;
import org.distdata.sql.plan.JoinKind;
import org.junit.jupiter.api.Test;

class HashJoinTest {
    private static final int[] FIRST = {0};

    private final Relation orders = Relations.of(List.of("O_CUST", "O_ID"),
            row(1, 10), row(2, 20), row(1, 11), row(null, 30), row(4, 40));
    private final Relation customers = Relations.of(List.of("C_ID", "C_NAME"),
            row(1L, "ann"), row(new BigDecimal("2.00"), "bob"), row(3, "cy"), row(1, "ann2"), row(null, "nobody"));

    @Test
    void innerJoinPairsEveryMatchInLeftThenRightOrder() {
        Relation r = HashJoin.join(orders, customers, FIRST, FIRST, JoinKind.INNER);

        assertThat(r.columns()).extracting(RelationColumn::name).containsExactly("O_CUST", "O_ID", "C_ID", "C_NAME");
        assertThat(r.rows()).containsExactly(
                row(1, 10, 1L, "ann"), row(1, 10, 1, "ann2"),
                row(2, 20, new BigDecimal("2.00"), "bob"),
                row(1, 11, 1L, "ann"), row(1, 11, 1, "ann2"));
    }

    @Test
    void leftOuterJoinKeepsUnmatchedAndNullKeyedLeftRowsWithNulls() {
        Relation r = HashJoin.join(orders, customers, FIRST, FIRST, JoinKind.LEFT_OUTER);

        assertThat(r.width()).isEqualTo(4);
        assertThat(r.rows()).containsExactly(
                row(1, 10, 1L, "ann"), row(1, 10, 1, "ann2"),
                row(2, 20, new BigDecimal("2.00"), "bob"),
                row(1, 11, 1L, "ann"), row(1, 11, 1, "ann2"),
                row(null, 30, null, null),
                row(4, 40, null, null));
    }

    @Test
    void semiJoinReturnsEachMatchingLeftRowOnceWithLeftColumnsOnly() {
        Relation r = HashJoin.join(orders, customers, FIRST, FIRST, JoinKind.SEMI);

        assertThat(r.columns()).isEqualTo(orders.columns());
        assertThat(r.rows()).containsExactly(row(1, 10), row(2, 20), row(1, 11));
    }

    @Test
    void antiJoinKeepsLeftRowsWithoutMatchIncludingNullKeys() {
        Relation r = HashJoin.join(orders, customers, FIRST, FIRST, JoinKind.ANTI);

        assertThat(r.rows()).containsExactly(row(null, 30), row(4, 40));
    }

    @Test
    void notInAgainstAnEmptyRightSideKeepsEveryLeftRowEvenNullKeyed() {
        Relation empty = Relations.of(List.of("C_ID"));
        Relation r = HashJoin.join(orders, empty, FIRST, FIRST, JoinKind.NULL_AWARE_ANTI);

        assertThat(r.rows()).containsExactlyElementsOf(orders.rows());
    }

    @Test
    void notInAgainstARightSideHoldingNullKeepsNothing() {
        Relation r = HashJoin.join(orders, customers, FIRST, FIRST, JoinKind.NULL_AWARE_ANTI);

        assertThat(r.rows()).isEmpty();
    }

    @Test
    void notInDropsNullKeyedAndMatchingLeftRows() {
        Relation ids = Relations.of(List.of("C_ID"), row(1L), row(3));
        Relation r = HashJoin.join(orders, ids, FIRST, FIRST, JoinKind.NULL_AWARE_ANTI);

        assertThat(r.rows()).containsExactly(row(2, 20), row(4, 40));
    }

    @Test
    void multiColumnKeysJoinOnEveryColumnAcrossClassesAndTrailingBlanks() {
        Relation left = Relations.of(List.of("A", "B", "X"), row(1, "x", "l1"), row(1, "y", "l2"), row(2, "x", "l3"));
        Relation right = Relations.of(List.of("B", "A"), row("x  ", 1L), row("y", 2.0));
        Relation r = HashJoin.join(left, right, new int[] {0, 1}, new int[] {1, 0}, JoinKind.INNER);

        assertThat(r.rows()).containsExactly(row(1, "x", "l1", "x  ", 1L));
    }

    @Test
    void joinsOfRandomMixedClassKeysEqualTheNestedLoopJoin() {
        for (long seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            Relation left = Relations.random(rnd, rnd.nextInt(120), 1 + rnd.nextInt(40), rnd.nextInt(2) * 8, "L");
            Relation right = Relations.random(rnd, rnd.nextInt(120), 1 + rnd.nextInt(40), rnd.nextInt(2) * 8, "R");
            boolean twoKeys = rnd.nextBoolean();
            int[] keys = twoKeys ? new int[] {0, 1} : FIRST;
            for (JoinKind kind : JoinKind.values()) {
                if (kind == JoinKind.NULL_AWARE_ANTI && twoKeys) {
                    continue;
                }
                Relation r = HashJoin.join(left, right, keys, keys, kind);
                // INNER, LEFT_OUTER and the filters all keep left order, so the lists must be equal.
                assertThat(r.rows()).as("seed %d, %s", seed, kind)
                        .containsExactlyElementsOf(Relations.nestedLoop(left, right, keys, keys, kind));
            }
        }
    }

    @Test
    void joinsALargeFactRelationWithADimensionWhoseKeysAreLongs() {
        int n = 200_000;
        List<Object[]> fact = new ArrayList<>(n);
        List<Object[]> dim = new ArrayList<>(n / 10);
        for (int i = 0; i < n; i++) {
            fact.add(new Object[] {i % (n / 10), i});
        }
        for (int i = 0; i < n / 10; i++) {
            dim.add(new Object[] {(long) i, "d" + i});
        }
        Relation left = new Relation(List.of(new RelationColumn("K", "INTEGER"), new RelationColumn("V", "INTEGER")), fact);
        Relation right = new Relation(List.of(new RelationColumn("K", "BIGINT"), new RelationColumn("N", "VARCHAR(9)")), dim);

        Relation r = HashJoin.join(left, right, FIRST, FIRST, JoinKind.INNER);

        assertThat(r.rows()).hasSize(n);
        assertThat(r.rows().get(12_345)).containsExactly(12_345, 12_345, 12_345L, "d12345");
        assertThat(r.rows().get(n - 1)).containsExactly(n / 10 - 1, n - 1, (long) (n / 10 - 1), "d" + (n / 10 - 1));
    }

    @Test
    void rejectsMismatchedKeys() {
        assertThatThrownBy(() -> HashJoin.join(orders, customers, new int[] {0, 1}, FIRST, JoinKind.INNER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashJoin.join(orders, customers, new int[] {0, 1}, new int[] {0, 1},
                JoinKind.NULL_AWARE_ANTI)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashJoin.join(orders, customers, new int[] {2}, FIRST, JoinKind.INNER))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
