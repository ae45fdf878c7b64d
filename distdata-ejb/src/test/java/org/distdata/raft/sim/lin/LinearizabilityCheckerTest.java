package org.distdata.raft.sim.lin;

import org.distdata.raft.sim.lin.LinearizabilityResult.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distdata.raft.sim.lin.KvOperation.append;
import static org.distdata.raft.sim.lin.KvOperation.cas;
import static org.distdata.raft.sim.lin.KvOperation.get;
import static org.distdata.raft.sim.lin.KvOperation.put;

class LinearizabilityCheckerTest {

    private static LinearizabilityResult check(KvOperation... history) {
        return LinearizabilityChecker.check(List.of(history));
    }

    @Test
    void sequentialHistoryIsLinearizable() {
        LinearizabilityResult result = check(
                get(1, "x", null, 0, 5),
                put(1, "x", "a", 10, 20),
                get(2, "x", "a", 30, 40),
                put(2, "x", "b", 50, 60),
                get(1, "x", "b", 70, 80));

        assertThat(result.linearizable()).isTrue();
        assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(result.key()).isNull();
    }

    @Test
    void sequentialStaleReadIsRejectedNamingTheKeyAndTheRead() {
        LinearizabilityResult result = check(
                put(1, "x", "a", 0, 10),
                put(1, "x", "b", 20, 30),
                get(2, "x", "a", 40, 50));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo("x");
        assertThat(result.explanation())
                .contains("key \"x\"")
                .contains("#2 c2 [40, 50] GET -> \"a\": read \"a\" but the value is \"b\"")
                .contains("Longest linearizable prefix found (2 of 3 operations)");
        assertThat(result.toString()).isEqualTo(result.explanation());
    }

    @Test
    void aReadOverlappingTwoConcurrentPutsMaySeeEitherOrNeither() {
        for (String seen : new String[] {"a", "b", null}) {
            assertThat(check(
                    put(1, "x", "a", 0, 50),
                    put(2, "x", "b", 10, 60),
                    get(3, "x", seen, 5, 70)).linearizable())
                    .as("GET -> %s", seen).isTrue();
        }
    }

    @Test
    void aReadAfterTwoConcurrentPutsMustSeeOneOfThem() {
        assertThat(check(put(1, "x", "a", 0, 50), put(2, "x", "b", 10, 60), get(3, "x", "a", 70, 80)).linearizable()).isTrue();
        assertThat(check(put(1, "x", "a", 0, 50), put(2, "x", "b", 10, 60), get(3, "x", "b", 70, 80)).linearizable()).isTrue();

        LinearizabilityResult result = check(put(1, "x", "a", 0, 50), put(2, "x", "b", 10, 60), get(3, "x", "c", 70, 80));
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("GET -> \"c\": read \"c\"");
    }

    @Test
    void aReadAfterAReadThatSawTheNewValueCannotSeeTheOldOne() {
        LinearizabilityResult result = check(
                put(1, "x", "old", 0, 10),
                put(1, "x", "new", 20, 100),
                get(2, "x", "new", 30, 40),
                get(3, "x", "old", 50, 60));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("#3 c3 [50, 60] GET -> \"old\"");
    }

    @Test
    void operationsReturningAndCalledAtTheSameInstantAreConcurrent() {
        assertThat(check(put(1, "x", "a", 0, 10), get(2, "x", null, 10, 20)).linearizable()).isTrue();
        assertThat(check(put(1, "x", "a", 0, 10), get(2, "x", null, 11, 20)).linearizable()).isFalse();
    }

    @Test
    void aLaterReadMayOrMayNotSeeAWriteWhoseOutcomeIsUnknown() {
        KvOperation timedOut = put(2, "x", "b", 20, 30).withUnknownOutcome();

        assertThat(check(put(1, "x", "a", 0, 10), timedOut, get(3, "x", "a", 100, 110)).linearizable()).isTrue();
        assertThat(check(put(1, "x", "a", 0, 10), timedOut, get(3, "x", "b", 100, 110)).linearizable()).isTrue();
    }

    @Test
    void onceAWriteWithUnknownOutcomeIsSeenLaterReadsCannotMissIt() {
        LinearizabilityResult result = check(
                put(1, "x", "a", 0, 10),
                put(2, "x", "b", 20, 30).withUnknownOutcome(),
                get(3, "x", "b", 100, 110),
                get(1, "x", "a", 120, 130));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("(outcome unknown)").contains("GET -> \"a\": read \"a\" but the value is \"b\"");
    }

    @Test
    void aWriteWithUnknownOutcomeCannotBeSeenBeforeItWasCalled() {
        LinearizabilityResult result = check(
                put(1, "x", "a", 0, 10),
                get(3, "x", "b", 20, 30),
                put(2, "x", "b", 40, 50).withUnknownOutcome());

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("c2 [40, ...] PUT \"b\" (outcome unknown)");
    }

    @Test
    void readsWithUnknownOutcomeAreIgnored() {
        assertThat(check(put(1, "x", "a", 0, 10), get(2, "x", "zzz", 20, 30).withUnknownOutcome()).linearizable()).isTrue();
    }

    @Test
    void compareAndSetSwapsOnlyWhenTheExpectedValueIsThere() {
        assertThat(check(
                cas(1, "x", null, "a", true, 0, 10),
                cas(1, "x", "a", "b", true, 20, 30),
                cas(2, "x", "a", "c", false, 40, 50),
                get(2, "x", "b", 60, 70)).linearizable()).isTrue();

        LinearizabilityResult swappedTheWrongValue = check(put(1, "x", "a", 0, 10), cas(2, "x", "z", "b", true, 20, 30));
        assertThat(swappedTheWrongValue.explanation()).contains("swapped but the value is \"a\", not \"z\"");

        LinearizabilityResult failedOnAMatch = check(put(1, "x", "a", 0, 10), cas(2, "x", "a", "b", false, 20, 30));
        assertThat(failedOnAMatch.explanation()).contains("failed but the value is the expected \"a\"");
    }

    @Test
    void aFailedCompareAndSetLeavesTheValueAlone() {
        assertThat(check(
                put(1, "x", "a", 0, 10),
                cas(2, "x", "z", "b", false, 20, 30),
                get(1, "x", "b", 40, 50)).linearizable()).isFalse();
    }

    @Test
    void aConcurrentCompareAndSetCanBeOrderedEitherSideOfAPut() {
        assertThat(check(put(1, "x", "a", 0, 50), cas(2, "x", "a", "b", true, 10, 60), get(3, "x", "b", 70, 80)).linearizable()).isTrue();
        assertThat(check(put(1, "x", "a", 0, 50), cas(2, "x", "a", "b", false, 10, 60), get(3, "x", "a", 70, 80)).linearizable()).isTrue();
    }

    @Test
    void appendsConcatenateInLinearizationOrder() {
        assertThat(check(append(1, "x", "a", 0, 10), append(2, "x", "b", 20, 30), get(3, "x", "ab", 40, 50)).linearizable()).isTrue();
        assertThat(check(append(1, "x", "a", 0, 10), append(2, "x", "b", 20, 30), get(3, "x", "ba", 40, 50)).linearizable()).isFalse();
        assertThat(check(append(1, "x", "a", 0, 30), append(2, "x", "b", 10, 40), get(3, "x", "ba", 50, 60)).linearizable()).isTrue();
        assertThat(check(put(1, "x", "p", 0, 10), append(2, "x", "q", 20, 30), get(3, "x", "pq", 40, 50)).linearizable()).isTrue();
    }

    @Test
    void aViolationOnOneKeyAmongFiftyIsFoundAndNamed() {
        List<KvOperation> history = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            String key = "k" + k;
            history.add(put(k % 7, key, "a", 0, 10));
            history.add(put(k % 5, key, "b", 15, 25));
            history.add(get(k % 3, key, k == 37 ? "a" : "b", 30, 40));
        }

        LinearizabilityResult result = LinearizabilityChecker.check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo("k37");
        assertThat(result.explanation()).contains("key \"k37\"").contains("#113 c1 [30, 40] GET -> \"a\"");
    }

    @Test
    void malformedOperationsAreRefused() {
        assertThatThrownBy(() -> put(1, "x", "a", 10, 5)).hasMessageContaining("before its call");
        assertThatThrownBy(() -> put(1, "x", null, 0, 5)).hasMessageContaining("PUT needs a value");
        assertThatThrownBy(() -> get(1, "x", "a", 0, Long.MAX_VALUE)).hasMessageContaining("withUnknownOutcome");
    }
}
