package org.distdata.node;

import java.time.Duration;
import java.util.Objects;

import org.distdata.cluster.ClusterConfig;
import org.distdata.transport.net.TransportConfig;

/**
 * How a node takes part in a replicated cluster: who it is and who the members are, its
 * node-to-node transport (address, mutual TLS), the Raft tick, how long a gateway follows a
 * partition's leadership before answering NO_QUORUM, how long a branch may sit idle at a
 * leader before it is rolled back, and how often partitions snapshot.
 */
public record ReplicationSettings(ClusterConfig cluster, TransportConfig transport, long tickMillis,
                                  Duration leaderWait, Duration branchIdle, long snapshotEvery) {

    public static final long DEFAULT_TICK_MILLIS = 50;
    public static final Duration DEFAULT_LEADER_WAIT = Duration.ofSeconds(10);
    /** Twice an explicit transaction's idle limit: its gateway ends it first, unless the gateway died. */
    public static final Duration DEFAULT_BRANCH_IDLE = Duration.ofSeconds(120);
    public static final long DEFAULT_SNAPSHOT_EVERY = 10_000;

    public ReplicationSettings {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(transport, "transport");
        if (tickMillis < 1 || snapshotEvery < 0) {
            throw new IllegalArgumentException("tickMillis must be positive and snapshotEvery not negative");
        }
    }

    public static ReplicationSettings of(ClusterConfig cluster, TransportConfig transport) {
        return new ReplicationSettings(cluster, transport, DEFAULT_TICK_MILLIS, DEFAULT_LEADER_WAIT,
                DEFAULT_BRANCH_IDLE, DEFAULT_SNAPSHOT_EVERY);
    }

    public ReplicationSettings withTickMillis(long millis) {
        return new ReplicationSettings(cluster, transport, millis, leaderWait, branchIdle, snapshotEvery);
    }

    public ReplicationSettings withLeaderWait(Duration wait) {
        return new ReplicationSettings(cluster, transport, tickMillis, wait, branchIdle, snapshotEvery);
    }

    public ReplicationSettings withSnapshotEvery(long entries) {
        return new ReplicationSettings(cluster, transport, tickMillis, leaderWait, branchIdle, entries);
    }
}
