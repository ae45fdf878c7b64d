package org.distdata.cluster;

/**
 * A replica's part in its partition's Raft group: a VOTER counts for elections and commits,
 * a LEARNER (a replica being added, catching up from a snapshot) receives the log only.
 */
public enum ReplicaRole {
    VOTER,
    LEARNER
}
