package org.distdata.raft;

/** The role a replica plays in its group right now. */
public enum Role {
    FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER
}
