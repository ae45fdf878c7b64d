package org.distdata.transport.message;

/** The answer to {@link BranchCommit} and {@link BranchRollback}: the branch is over. Empty payload. */
public record BranchEnded() {
}
