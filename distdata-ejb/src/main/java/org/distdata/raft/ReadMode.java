package org.distdata.raft;

/** How a leader confirms that a read is linearizable. */
public enum ReadMode {
    /** ReadIndex: one heartbeat round acknowledged by a quorum after the read arrived. */
    READ_INDEX,
    /**
     * Leader lease: no round trip while the lease from the last acknowledged round holds
     * (safe under the clock-drift bound of {@link RaftOptions}); falls back to ReadIndex.
     */
    LEASE
}
