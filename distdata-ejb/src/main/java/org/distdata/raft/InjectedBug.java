package org.distdata.raft;

/**
 * Deliberate defects, for tests only: each one breaks a rule Raft's safety rests on, and
 * the simulation must catch every one of them. Production options never carry any.
 */
public enum InjectedBug {
    /** The leader commits an entry of an older term because a majority stores it. */
    COMMIT_OLD_TERM_BY_COUNTING,
    /** The vote is left out of the persisted hard state, so a restart forgets it. */
    FORGET_VOTE,
    /** A replica grants a second vote in a term in which it already voted. */
    GRANT_TWO_VOTES_PER_TERM,
    /** Entries are handed to the state machine as soon as they are appended. */
    APPLY_BEFORE_COMMIT
}
