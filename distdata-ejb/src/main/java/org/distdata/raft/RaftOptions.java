package org.distdata.raft;

import java.util.EnumSet;
import java.util.Set;

/**
 * How one replica behaves. Times are in ticks of the caller's clock (the Raft core reads no
 * clock): a follower campaigns after a random number of ticks in
 * [{@code electionTicks}, 2 × {@code electionTicks}); a leader sends heartbeats every
 * {@code heartbeatTicks}.
 *
 * <p>Leader-lease reads are safe while the tick rates of any two replicas differ by less
 * than {@code leaseMarginTicks / electionTicks} (with the defaults 10 and 3: 30 %). A
 * leader serves lease reads for {@code electionTicks - leaseMarginTicks} ticks after it
 * sent a heartbeat round that a quorum acknowledged, because each acknowledging voter
 * refuses to vote for anyone else for {@code electionTicks} of its own ticks after hearing
 * from the leader.
 */
public record RaftOptions(long id, int electionTicks, int heartbeatTicks, boolean preVote, boolean checkQuorum,
                          int maxEntriesPerAppend, int maxBytesPerAppend, int maxInflightAppends,
                          int snapshotChunkBytes, int leaseMarginTicks, long randomSeed,
                          Set<InjectedBug> injectedBugs) {

    public RaftOptions {
        if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicks");
        }
        if (leaseMarginTicks < 1 || leaseMarginTicks >= electionTicks) {
            throw new IllegalArgumentException("need 1 <= leaseMarginTicks < electionTicks");
        }
        injectedBugs = injectedBugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(injectedBugs));
    }

    /** The defaults for replica {@code id}. */
    public static RaftOptions defaults(long id) {
        return new RaftOptions(id, 10, 1, true, true, 512, 1 << 20, 64, 256 * 1024, 3, id, Set.of());
    }

    public RaftOptions withElectionTicks(int election, int heartbeat) {
        return new RaftOptions(id, election, heartbeat, preVote, checkQuorum, maxEntriesPerAppend, maxBytesPerAppend,
                maxInflightAppends, snapshotChunkBytes, Math.min(leaseMarginTicks, election - 1), randomSeed,
                injectedBugs);
    }

    public RaftOptions withBatching(int maxEntries, int maxBytes, int maxInflight) {
        return new RaftOptions(id, electionTicks, heartbeatTicks, preVote, checkQuorum, maxEntries, maxBytes,
                maxInflight, snapshotChunkBytes, leaseMarginTicks, randomSeed, injectedBugs);
    }

    public RaftOptions withSnapshotChunkBytes(int bytes) {
        return new RaftOptions(id, electionTicks, heartbeatTicks, preVote, checkQuorum, maxEntriesPerAppend,
                maxBytesPerAppend, maxInflightAppends, bytes, leaseMarginTicks, randomSeed, injectedBugs);
    }

    public RaftOptions withRandomSeed(long seed) {
        return new RaftOptions(id, electionTicks, heartbeatTicks, preVote, checkQuorum, maxEntriesPerAppend,
                maxBytesPerAppend, maxInflightAppends, snapshotChunkBytes, leaseMarginTicks, seed, injectedBugs);
    }

    public RaftOptions withPreVoteAndCheckQuorum(boolean preVote, boolean checkQuorum) {
        return new RaftOptions(id, electionTicks, heartbeatTicks, preVote, checkQuorum, maxEntriesPerAppend,
                maxBytesPerAppend, maxInflightAppends, snapshotChunkBytes, leaseMarginTicks, randomSeed, injectedBugs);
    }

    /** Test only: the same options with deliberate defects (see {@link InjectedBug}). */
    public RaftOptions withInjectedBugs(Set<InjectedBug> bugs) {
        return new RaftOptions(id, electionTicks, heartbeatTicks, preVote, checkQuorum, maxEntriesPerAppend,
                maxBytesPerAppend, maxInflightAppends, snapshotChunkBytes, leaseMarginTicks, randomSeed, bugs);
    }

    boolean has(InjectedBug bug) {
        return injectedBugs.contains(bug);
    }
}
