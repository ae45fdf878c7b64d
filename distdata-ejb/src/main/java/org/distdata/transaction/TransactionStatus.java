package org.distdata.transaction;

/** Where an explicit transaction stands (API.md, Transactions). */
public enum TransactionStatus {
    /** Open: statements may be sent in it. */
    ACTIVE,
    /** Its commit is under way, or its outcome is not known yet. */
    PREPARING,
    COMMITTED,
    /** Ended by its client's rollback. */
    ROLLED_BACK,
    /** Ended without commit by a failure: a failed statement or commit, or idle expiry. */
    ABORTED;

    public boolean ended() {
        return this == COMMITTED || this == ROLLED_BACK || this == ABORTED;
    }
}
