package org.distdata.raft;

/**
 * What a state-machine snapshot covers: every entry up to {@code index} (whose term is
 * {@code term}), and the membership in force at that index.
 */
public record SnapshotMeta(long index, long term, Membership membership) {
}
