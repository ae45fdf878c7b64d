package org.distdata.raft.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.distdata.raft.Entry;
import org.distdata.raft.HardState;
import org.distdata.raft.SnapshotMeta;

/**
 * A node's simulated disk: what it has synced survives a crash, what it has only written
 * survives up to a random point (writes reach the platter in order, so a crash keeps a
 * prefix of them), exactly like an append-only log whose unsynced tail is torn.
 */
final class SimDisk {

    /** What one group has durably stored. */
    static final class GroupImage {
        HardState hardState = HardState.EMPTY;
        SnapshotMeta snapshot;
        byte[] snapshotBytes;
        final TreeMap<Long, Entry> entries = new TreeMap<>();

        List<Entry> entryList() {
            return new ArrayList<>(entries.values());
        }
    }

    private interface Write {
        void applyTo(Map<Long, GroupImage> image);
    }

    private final Map<Long, GroupImage> synced = new TreeMap<>();
    private final List<Write> unsynced = new ArrayList<>();
    private int syncs;

    GroupImage group(long group) {
        return synced.computeIfAbsent(group, g -> new GroupImage());
    }

    void writeEntries(long group, List<Entry> entries) {
        List<Entry> copy = List.copyOf(entries);
        unsynced.add(image -> {
            TreeMap<Long, Entry> log = image.computeIfAbsent(group, g -> new GroupImage()).entries;
            log.tailMap(copy.get(0).index(), true).clear();
            copy.forEach(e -> log.put(e.index(), e));
        });
    }

    void writeHardState(long group, HardState hardState) {
        unsynced.add(image -> image.computeIfAbsent(group, g -> new GroupImage()).hardState = hardState);
    }

    /** A snapshot received from the leader replaces the whole log. */
    void writeInstalledSnapshot(long group, SnapshotMeta meta, byte[] bytes) {
        unsynced.add(image -> {
            GroupImage g = image.computeIfAbsent(group, x -> new GroupImage());
            g.snapshot = meta;
            g.snapshotBytes = bytes;
            g.entries.clear();
        });
    }

    /** A local snapshot is written and synced in one step, then the log before it is dropped. */
    void saveLocalSnapshot(long group, SnapshotMeta meta, byte[] bytes) {
        GroupImage g = group(group);
        g.snapshot = meta;
        g.snapshotBytes = bytes;
        g.entries.headMap(meta.index(), true).clear();
    }

    void sync() {
        unsynced.forEach(w -> w.applyTo(synced));
        unsynced.clear();
        syncs++;
    }

    /** The node crashed: a random prefix of the unsynced writes made it to disk. */
    void crash(Random random) {
        int kept = unsynced.isEmpty() ? 0 : random.nextInt(unsynced.size() + 1);
        unsynced.subList(0, kept).forEach(w -> w.applyTo(synced));
        unsynced.clear();
    }

    int syncs() {
        return syncs;
    }
}
