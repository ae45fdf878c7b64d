package org.distdata.replication;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

import org.distdata.raft.ReceivedSnapshotChunk;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;

/**
 * Stages received snapshots in memory: for the simulation and scenario tests, whose
 * snapshots are a few hundred bytes and whose "disk" is memory anyway.
 */
public final class MemorySnapshotStaging implements SnapshotStaging {

    private final Map<Long, ByteArrayOutputStream> staged = new TreeMap<>();

    @Override
    public void write(long group, ReceivedSnapshotChunk chunk) {
        if (chunk.offset() == 0) {
            staged.put(group, new ByteArrayOutputStream());
        }
        staged.get(group).writeBytes(chunk.data());
    }

    @Override
    public SnapshotSource complete(long group, SnapshotMeta meta) {
        return SnapshotSource.of(staged.remove(group).toByteArray());
    }

    @Override
    public void releaseCompleted(long group) {
        // complete() hands the bytes over; nothing is kept
    }

    @Override
    public void discard(long group) {
        staged.remove(group);
    }
}
