package org.distdata.replication.partition;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

import org.distdata.raft.Entry;
import org.distdata.raft.Role;
import org.distdata.replication.GroupIds;
import org.distdata.replication.StateMachine;
import org.distdata.storage.PartitionSet;

/**
 * The state machine of every partition group this node holds a replica of: it routes each
 * group's committed entries and role changes to that partition's {@link PartitionReplica}.
 */
public final class PartitionStateMachine implements StateMachine, AutoCloseable {

    private final PartitionSet stores;
    private final PartitionSnapshots snapshots;
    private final ThreadFactory threads;
    private final Map<Integer, PartitionReplica> replicas = new ConcurrentHashMap<>();

    /** {@code snapshotDirectory} keeps this node's partition snapshots (Derby backups, zipped). */
    public PartitionStateMachine(PartitionSet stores, java.nio.file.Path snapshotDirectory, ThreadFactory threads) {
        this.stores = stores;
        this.snapshots = new PartitionSnapshots(snapshotDirectory, stores);
        this.threads = threads;
    }

    /** Starts holding a replica of {@code partition} (its store must exist); idempotent. */
    public void host(int partition) {
        replicas.computeIfAbsent(partition, p -> {
            try {
                return new PartitionReplica(p, stores, snapshots, stores::schemaChanged, threads);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the replica of partition " + p + ": " + e.getMessage(), e);
            }
        });
    }

    Optional<PartitionReplica> replica(int partition) {
        return Optional.ofNullable(replicas.get(partition));
    }

    Collection<PartitionReplica> replicas() {
        return replicas.values();
    }

    /** The applied index of this node's replica of {@code partition}, or -1 if it holds none. */
    public long appliedIndexOf(int partition) {
        PartitionReplica r = replicas.get(partition);
        return r == null ? -1 : r.appliedIndex();
    }

    /** Why this node's replica of {@code partition} stopped applying, if it did. */
    public Optional<String> divergence(int partition) {
        return replica(partition).map(PartitionReplica::diverged);
    }

    /** The checksum this node's replica computed for round {@code checkId}, once it applied that entry. */
    public Optional<PartitionChecksum> checksum(int partition, long checkId) {
        return replica(partition).map(r -> r.checksum(checkId));
    }

    /** Why this node's replica computed no checksum for round {@code checkId}, if it said. */
    public Optional<String> checksumError(int partition, long checkId) {
        return replica(partition).map(r -> r.checksumError(checkId));
    }

    /** Waits until this node's replica of {@code partition} has applied {@code index}. */
    public boolean awaitApplied(int partition, long index, Duration timeout) throws InterruptedException {
        PartitionReplica r = replicas.get(partition);
        return r != null && r.awaitApplied(index, timeout);
    }

    /** Rows in every table of this node's replica of {@code partition}, or -1 if it holds none. */
    public long rows(int partition) {
        PartitionReplica r = replicas.get(partition);
        if (r == null) {
            return -1;
        }
        try {
            var s = r.borrow();
            try {
                long rows = 0;
                List<String> tables = new java.util.ArrayList<>();
                try (var rs = s.connection().getMetaData().getTables(null, "APP", null, new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
                for (String t : tables) {
                    try (var st = s.connection().createStatement(); var rs = st.executeQuery(
                            "SELECT COUNT(*) FROM \"APP\".\"" + t.replace("\"", "\"\"") + "\"")) {
                        rows += rs.next() ? rs.getLong(1) : 0;
                    }
                }
                return rows;
            } finally {
                s.release();
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Bytes on disk of this node's replica of {@code partition}, or -1 if it holds none. */
    public long bytes(int partition) {
        if (!replicas.containsKey(partition)) {
            return -1;
        }
        try (var files = java.nio.file.Files.walk(stores.store(partition).directory())) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** Rolls back live branches idle longer than {@code limit}, on every replica. */
    public void expireIdleBranches(Duration limit) {
        replicas.values().forEach(r -> r.expireIdle(limit));
    }

    @Override
    public long appliedIndex(long group) {
        PartitionReplica r = replicas.get(GroupIds.partitionOf(group));
        return r == null ? 0 : r.appliedIndex();
    }

    @Override
    public void apply(long group, List<Entry> committed) {
        PartitionReplica r = replicas.get(GroupIds.partitionOf(group));
        if (r == null) {
            throw new IllegalStateException("no replica of partition " + GroupIds.partitionOf(group) + " here");
        }
        r.apply(committed);
    }

    @Override
    public void roleChanged(long group, Role role, long term, long leader) {
        PartitionReplica r = replicas.get(GroupIds.partitionOf(group));
        if (r != null) {
            r.roleChanged(role, term, leader);
        }
    }

    @Override
    public Snapshot snapshot(long group) {
        PartitionReplica r = replicas.get(GroupIds.partitionOf(group));
        PartitionSnapshots.SnapshotFile file = r == null ? null : r.snapshot();
        return file == null ? null : new Snapshot(file.index(), file.source());
    }

    @Override
    public void installSnapshot(long group, org.distdata.raft.SnapshotMeta meta, org.distdata.raft.SnapshotSource data) {
        PartitionReplica r = replicas.get(GroupIds.partitionOf(group));
        if (r == null) {
            throw new IllegalStateException("no replica of partition " + GroupIds.partitionOf(group) + " here");
        }
        r.install(meta, data);
    }

    @Override
    public void close() {
        replicas.values().forEach(PartitionReplica::close);
        replicas.clear();
    }
}
