package org.distdata.raft.sim.lin;

/**
 * What {@link LinearizabilityChecker} concluded about a history, with an explanation meant to be
 * printed as is: for a violation, the key, its operations around the failure, the longest
 * linearizable prefix the search found and why nothing could be placed after it; for a search
 * that ran out of budget, where it stopped. {@link #toString()} is the explanation.
 *
 * @param verdict     linearizable, not linearizable, or unknown because the step budget ran out
 * @param key         the key whose sub-history failed or exhausted the budget; null if linearizable
 * @param explanation the human-readable account of the verdict
 * @param steps       the search steps taken over all keys, for tuning budgets
 */
public record LinearizabilityResult(Verdict verdict, String key, String explanation, long steps) {

    /** The three possible answers; UNKNOWN is never a guess in either direction. */
    public enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, UNKNOWN }

    public boolean linearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    @Override
    public String toString() {
        return explanation;
    }
}
