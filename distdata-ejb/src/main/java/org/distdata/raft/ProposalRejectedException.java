package org.distdata.raft;

/**
 * A proposal, read or membership change that this replica cannot take now. Nothing was
 * appended; the caller may retry, at {@link #leaderHint()} when it is known.
 */
public final class ProposalRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Reason { NOT_LEADER, TRANSFERRING_LEADERSHIP, MEMBERSHIP_CHANGE_PENDING, INVALID }

    private final Reason reason;
    private final long leaderHint;

    public ProposalRejectedException(Reason reason, long leaderHint, String message) {
        super(message);
        this.reason = reason;
        this.leaderHint = leaderHint;
    }

    public Reason reason() {
        return reason;
    }

    /** The leader this replica knows of, or {@link RaftReplica#NONE}. */
    public long leaderHint() {
        return leaderHint;
    }
}
