package org.distdata.raft.sim.lin;

import org.distdata.raft.sim.lin.KeyHistorySearch.Outcome;
import org.distdata.raft.sim.lin.LinearizabilityResult.Verdict;

import java.util.List;

/**
 * Decides whether a client history of the key-value store is linearizable: whether every
 * operation can be given a single instant between its call and its return such that, in that
 * order, each output is what the sequential {@link KvModel} would produce. Each key is checked on
 * its own (the model is P-compositional), in key order, by the Wing & Gong search with Lowe's
 * memoization; the first violation found is reported. The work is bounded by a number of search
 * steps rather than by time, so a given history always gets the same answer.
 */
public final class LinearizabilityChecker {
    /** A budget that never runs out; the search always terminates, but may take exponential time. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    private LinearizabilityChecker() {
    }

    public static LinearizabilityResult check(List<KvOperation> history) {
        return check(history, UNBOUNDED);
    }

    /**
     * Checks {@code history} taking at most {@code stepBudget} search steps over all keys; once
     * they are spent the verdict is {@link Verdict#UNKNOWN} unless a violation was already found.
     */
    public static LinearizabilityResult check(List<KvOperation> history, long stepBudget) {
        if (stepBudget < 0) {
            throw new IllegalArgumentException("negative step budget " + stepBudget);
        }
        List<SubHistory> keys = SubHistory.byKey(history);
        long steps = 0;
        for (int i = 0; i < keys.size(); i++) {
            SubHistory sub = keys.get(i);
            Outcome outcome = KeyHistorySearch.run(sub.ops(), stepBudget - steps);
            steps += outcome.steps();
            if (outcome.verdict() == Verdict.NOT_LINEARIZABLE) {
                return new LinearizabilityResult(Verdict.NOT_LINEARIZABLE, sub.key(),
                        ViolationReport.write(sub, outcome.longestPrefix()), steps);
            }
            if (outcome.verdict() == Verdict.UNKNOWN) {
                String explanation = "Unknown (budget exceeded): " + stepBudget + " steps ran out while checking key "
                        + KvOperation.quote(sub.key()) + " (" + sub.size() + " operations, longest linearizable prefix found "
                        + outcome.longestPrefix().length + "); " + i + " of " + keys.size()
                        + " keys were linearizable, " + (keys.size() - i - 1) + " not checked";
                return new LinearizabilityResult(Verdict.UNKNOWN, sub.key(), explanation, steps);
            }
        }
        String explanation = "Linearizable: " + history.size() + " operations on " + keys.size() + " keys, "
                + steps + " search steps";
        return new LinearizabilityResult(Verdict.LINEARIZABLE, null, explanation, steps);
    }
}
