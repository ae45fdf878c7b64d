package org.distdata.transport.message;

/** The answer to {@link BranchUpdate} and {@link BranchUpdateBatch}: the rows the statement changed. */
public record UpdateCount(long count) {
}
