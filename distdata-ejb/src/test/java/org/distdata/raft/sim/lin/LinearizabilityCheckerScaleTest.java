package org.distdata.raft.sim.lin;

import org.distdata.raft.sim.lin.KvOperation.Kind;
import org.distdata.raft.sim.lin.LinearizabilityResult.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class LinearizabilityCheckerScaleTest {
    private static final long SEED = 20240611L;

    private final List<KvOperation> history = RandomKvHistory.generate(SEED, 10, 5, 5_000, 5);

    @Test
    void aLargeConcurrentLinearizableHistoryIsAcceptedQuickly() {
        LinearizabilityResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> LinearizabilityChecker.check(history));

        assertThat(result.verdict()).as("%s", result).isEqualTo(Verdict.LINEARIZABLE);
        // Steps, unlike time, do not depend on the machine: a near-linear search stays near 2 per event.
        assertThat(result.steps()).isLessThan(100_000);
    }

    @Test
    void theSameHistoryWithOneReadOfANeverWrittenValueIsRejected() {
        int victim = firstReadAfter(history.size() / 2);
        KvOperation read = history.get(victim);
        List<KvOperation> mutated = new ArrayList<>(history);
        mutated.set(victim, KvOperation.get(read.clientId(), read.key(), "never-written", read.call(), read.ret()));

        LinearizabilityResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> LinearizabilityChecker.check(mutated));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo(read.key());
        assertThat(result.explanation()).contains("#" + victim + " " + mutated.get(victim).describe());
    }

    @Test
    void manyConcurrentWritesBeforeAnImpossibleReadExceedATinyBudget() {
        List<KvOperation> adversarial = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            adversarial.add(KvOperation.put(c, "x", "v" + c, 0, 100));
        }
        adversarial.add(KvOperation.get(99, "x", "never-written", 200, 210));

        LinearizabilityResult bounded = LinearizabilityChecker.check(adversarial, 1_000);
        assertThat(bounded.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(bounded.linearizable()).isFalse();
        assertThat(bounded.key()).isEqualTo("x");
        assertThat(bounded.steps()).isEqualTo(1_000);
        assertThat(bounded.explanation()).startsWith("Unknown (budget exceeded)");

        LinearizabilityResult unbounded = LinearizabilityChecker.check(adversarial);
        assertThat(unbounded.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(unbounded.steps()).isGreaterThan(1_000);
    }

    @Test
    void aBudgetLargeEnoughChangesNothing() {
        long needed = LinearizabilityChecker.check(history).steps();

        assertThat(LinearizabilityChecker.check(history, needed).verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(LinearizabilityChecker.check(history, needed - 1).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    private int firstReadAfter(int index) {
        for (int i = index; i < history.size(); i++) {
            if (history.get(i).kind() == Kind.GET) {
                return i;
            }
        }
        throw new IllegalStateException("no GET after " + index);
    }
}
