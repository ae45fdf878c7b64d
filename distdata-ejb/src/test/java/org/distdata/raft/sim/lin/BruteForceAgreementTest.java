package org.distdata.raft.sim.lin;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the search against the definition itself: on small random histories it must agree with
 * trying every order that respects real time, where unknown outcomes may also be left out.
 */
class BruteForceAgreementTest {
    private static final String[] VALUES = {null, "a", "b", "ab", "ba"};

    @Test
    void agreesWithTryingEveryOrderOnSmallRandomHistories() {
        Random random = new Random(7);
        int linearizable = 0;
        for (int round = 0; round < 3_000; round++) {
            List<KvOperation> history = randomHistory(random, 3 + random.nextInt(5));

            boolean expected = everyOrderTried(history, new boolean[history.size()], null);

            assertThat(LinearizabilityChecker.check(history).linearizable()).as("%s", history).isEqualTo(expected);
            linearizable += expected ? 1 : 0;
        }
        // Both answers must be common, or the agreement would say little.
        assertThat(linearizable).isBetween(600, 2_400);
    }

    private static List<KvOperation> randomHistory(Random random, int size) {
        List<KvOperation> history = new ArrayList<>();
        long[] clock = new long[3];
        for (int i = 0; i < size; i++) {
            int client = random.nextInt(clock.length);
            long call = clock[client] + random.nextInt(4);
            long ret = call + random.nextInt(6);
            clock[client] = ret + 1;
            String value = random.nextBoolean() ? "a" : "b";
            KvOperation op = switch (random.nextInt(4)) {
                case 0 -> KvOperation.get(client, "x", VALUES[random.nextInt(VALUES.length)], call, ret);
                case 1 -> KvOperation.put(client, "x", value, call, ret);
                case 2 -> KvOperation.append(client, "x", value, call, ret);
                default -> KvOperation.cas(client, "x", VALUES[random.nextInt(3)], value, random.nextBoolean(), call, ret);
            };
            if (op.kind() != KvOperation.Kind.GET && random.nextInt(5) == 0) {
                op = op.withUnknownOutcome();
                clock[client] = Long.MAX_VALUE / 2;
            }
            history.add(op);
        }
        return history;
    }

    /** Places, in every possible way, an operation no unplaced operation must precede. */
    private static boolean everyOrderTried(List<KvOperation> history, boolean[] placed, String state) {
        boolean allKnownPlaced = true;
        for (int i = 0; i < history.size(); i++) {
            allKnownPlaced &= placed[i] || !history.get(i).outcomeKnown();
        }
        if (allKnownPlaced) {
            return true;
        }
        for (int i = 0; i < history.size(); i++) {
            KvOperation op = history.get(i);
            if (placed[i] || !mayGoNext(history, placed, op) || !KvModel.fits(state, op)) {
                continue;
            }
            placed[i] = true;
            boolean found = everyOrderTried(history, placed, KvModel.next(state, op));
            placed[i] = false;
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayGoNext(List<KvOperation> history, boolean[] placed, KvOperation op) {
        for (int j = 0; j < history.size(); j++) {
            if (!placed[j] && history.get(j).ret() < op.call()) {
                return false;
            }
        }
        return true;
    }
}
