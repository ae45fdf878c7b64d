package org.distdata.sql.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distdata.sql.exec.Relations.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.distdata.relation.Relation;
import org.distdata.sql.plan.JoinKind;
import org.junit.jupiter.api.Test;

class ParallelJoinTest {
    private static final int[] FIRST = {0};

    @Test
    void partitionedJoinsEqualTheSingleThreadedJoinAsMultisets() {
        for (long seed = 1; seed <= 10; seed++) {
            Random rnd = new Random(seed);
            List<Relation> leftParts = parts(rnd, "L");
            List<Relation> rightParts = parts(rnd, "R");
            Relation left = Exchange.gather(leftParts);
            Relation right = Exchange.gather(rightParts);
            int buckets = 1 + rnd.nextInt(5);
            List<Relation> leftBuckets = Exchange.repartition(leftParts, FIRST, buckets);
            List<Relation> rightBuckets = Exchange.repartition(rightParts, FIRST, buckets);
            for (JoinKind kind : JoinKind.values()) {
                Relation expected = HashJoin.join(left, right, FIRST, FIRST, kind);

                Relation actual = ParallelJoin.partitioned(leftBuckets, rightBuckets, FIRST, FIRST, kind);

                assertThat(actual.columns()).isEqualTo(expected.columns());
                assertThat(Relations.multiset(actual.rows())).as("seed %d, %s", seed, kind)
                        .isEqualTo(Relations.multiset(expected.rows()));
            }
        }
    }

    @Test
    void broadcastJoinsEqualTheSingleThreadedJoinAsMultisets() {
        for (long seed = 1; seed <= 10; seed++) {
            Random rnd = new Random(seed);
            List<Relation> leftParts = parts(rnd, "L");
            Relation right = Relations.random(rnd, rnd.nextInt(150), 5 + rnd.nextInt(60), rnd.nextInt(2) * 20, "R");
            Relation left = Exchange.gather(leftParts);
            for (JoinKind kind : JoinKind.values()) {
                Relation expected = HashJoin.join(left, right, FIRST, FIRST, kind);

                Relation actual = ParallelJoin.broadcast(leftParts, right, FIRST, FIRST, kind);

                assertThat(actual.columns()).isEqualTo(expected.columns());
                assertThat(Relations.multiset(actual.rows())).as("seed %d, %s", seed, kind)
                        .isEqualTo(Relations.multiset(expected.rows()));
            }
        }
    }

    @Test
    void partitionedNotInSeesANullKeyInAnyBucketAndEmptinessOfTheWholeRightSide() {
        List<Relation> left = List.of(Relations.of(List.of("K"), row(1), new Object[] {null}), Relations.of(List.of("K"), row(2)));
        List<Relation> rightWithNull = List.of(Relations.of(List.of("K")), Relations.of(List.of("K"), new Object[] {null}));
        List<Relation> rightEmpty = List.of(Relations.of(List.of("K")), Relations.of(List.of("K")));
        List<Relation> rightOther = List.of(Relations.of(List.of("K")), Relations.of(List.of("K"), row(2)));

        assertThat(ParallelJoin.partitioned(left, rightWithNull, FIRST, FIRST, JoinKind.NULL_AWARE_ANTI).rows()).isEmpty();
        assertThat(ParallelJoin.partitioned(left, rightEmpty, FIRST, FIRST, JoinKind.NULL_AWARE_ANTI).rows())
                .containsExactly(row(1), new Object[] {null}, row(2));
        assertThat(ParallelJoin.partitioned(left, rightOther, FIRST, FIRST, JoinKind.NULL_AWARE_ANTI).rows())
                .containsExactly(row(1));
    }

    @Test
    void resultsComeInBucketOrder() {
        List<Relation> left = List.of(Relations.of(List.of("K"), row(1), row(1)), Relations.of(List.of("K"), row(2)));
        List<Relation> right = List.of(Relations.of(List.of("K"), row(1)), Relations.of(List.of("K"), row(2)));

        assertThat(ParallelJoin.partitioned(left, right, FIRST, FIRST, JoinKind.INNER).rows())
                .containsExactly(row(1, 1), row(1, 1), row(2, 2));
        assertThat(ParallelJoin.broadcast(left, Exchange.gather(right), FIRST, FIRST, JoinKind.SEMI).rows())
                .containsExactly(row(1), row(1), row(2));
    }

    private static List<Relation> parts(Random rnd, String prefix) {
        int n = 1 + rnd.nextInt(4);
        List<Relation> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(Relations.random(rnd, rnd.nextInt(150), 5 + rnd.nextInt(60), rnd.nextInt(2) * 20, prefix));
        }
        return parts;
    }
}
