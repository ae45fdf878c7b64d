package org.distdata.replication;

/**
 * A proposal's entry may or may not have committed: this node replaced its log with a
 * snapshot from a newer leader before it could see which entry ended up at the proposal's
 * index, or the host stopped first. The caller must find out from the state itself (for
 * example by reading the key it wrote) before it retries a non-idempotent command.
 */
public final class ProposalOutcomeUnknownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProposalOutcomeUnknownException(String message) {
        super(message);
    }
}
