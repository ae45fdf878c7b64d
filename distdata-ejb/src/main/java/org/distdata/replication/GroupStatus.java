package org.distdata.replication;

import java.util.Map;

import org.distdata.raft.Membership;
import org.distdata.raft.Role;

/**
 * This node's view of one Raft group at one moment, for the console, health checks and
 * metrics.
 *
 * @param appliedIndex the highest index handed to the state machine (which may still be
 *                     applying it)
 * @param matchIndex   on the leader, how far each other member's log is known to match the
 *                     leader's; empty elsewhere
 */
public record GroupStatus(long group, Role role, long term, long leader, long commitIndex, long appliedIndex,
                          long lastIndex, Membership membership, Map<Long, Long> matchIndex) {

    public GroupStatus {
        matchIndex = Map.copyOf(matchIndex);
    }
}
