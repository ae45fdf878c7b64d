package org.distdata.replication;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongFunction;

import org.distdata.raft.RaftOptions;

/**
 * How a {@link RaftHost} runs: its tick, how long a read may wait for its leader to be
 * confirmed, how often groups snapshot, where received snapshots are staged, the Raft
 * options of each group, and the factory of its one thread (a container passes a managed
 * one). Start from {@link #defaults} and change what you need.
 *
 * @param raftOptions   the options of group {@code g}'s replica; their id is this node's
 * @param snapshotEvery ask the state machine for a snapshot every this many applied entries
 *                      of a group; 0 never
 */
public record RaftHostOptions(long tickMillis, long readTimeoutMillis, long snapshotEvery, Path stagingDirectory,
                              LongFunction<RaftOptions> raftOptions, ThreadFactory threads) {

    public RaftHostOptions {
        if (tickMillis < 1 || readTimeoutMillis < 1 || snapshotEvery < 0) {
            throw new IllegalArgumentException("need tickMillis >= 1, readTimeoutMillis >= 1, snapshotEvery >= 0");
        }
        Objects.requireNonNull(stagingDirectory, "stagingDirectory");
        Objects.requireNonNull(raftOptions, "raftOptions");
        Objects.requireNonNull(threads, "threads");
    }

    /**
     * 10 ms ticks (elections after 100–200 ms), reads fail after 2 s, a snapshot every 10,000
     * entries, and each group's replica seeded by node and group.
     */
    public static RaftHostOptions defaults(long nodeId, Path stagingDirectory) {
        return new RaftHostOptions(10, 2_000, 10_000, stagingDirectory,
                group -> RaftOptions.defaults(nodeId).withRandomSeed(nodeId * 1_000_003L + group),
                r -> new Thread(r, "raft-host-n" + nodeId));
    }

    public RaftHostOptions withTickMillis(long millis) {
        return new RaftHostOptions(millis, readTimeoutMillis, snapshotEvery, stagingDirectory, raftOptions, threads);
    }

    public RaftHostOptions withReadTimeoutMillis(long millis) {
        return new RaftHostOptions(tickMillis, millis, snapshotEvery, stagingDirectory, raftOptions, threads);
    }

    public RaftHostOptions withSnapshotEvery(long entries) {
        return new RaftHostOptions(tickMillis, readTimeoutMillis, entries, stagingDirectory, raftOptions, threads);
    }

    public RaftHostOptions withRaftOptions(LongFunction<RaftOptions> options) {
        return new RaftHostOptions(tickMillis, readTimeoutMillis, snapshotEvery, stagingDirectory, options, threads);
    }

    public RaftHostOptions withThreads(ThreadFactory factory) {
        return new RaftHostOptions(tickMillis, readTimeoutMillis, snapshotEvery, stagingDirectory, raftOptions, factory);
    }
}
