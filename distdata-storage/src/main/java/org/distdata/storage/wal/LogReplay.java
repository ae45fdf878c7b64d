package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;
import org.distdata.storage.wal.WalRecord.HardState;
import org.distdata.storage.wal.WalRecord.SnapshotMark;
import org.distdata.storage.wal.WalRecord.Truncate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Folds records, in log order, into each group's recovered state: the latest hard state
 * and snapshot mark, and the entries above the snapshot with truncations applied.
 */
final class LogReplay {
    private final Map<Long, GroupState> groups = new TreeMap<>();
    private final GroupMarks marks = new GroupMarks();

    void apply(WalRecord record) {
        marks.note(record);
        GroupState g = groups.computeIfAbsent(record.group(), k -> new GroupState());
        if (record instanceof Entry e) {
            if (g.snapshot == null || e.index() > g.snapshot.index()) {
                g.entries.put(e.index(), e);
            }
        } else if (record instanceof HardState h) {
            g.hardState = h;
        } else if (record instanceof Truncate t) {
            g.entries.tailMap(t.fromIndex(), true).clear();
        } else if (record instanceof SnapshotMark s) {
            g.snapshot = s;
            // Dropped now rather than at the end, so replay holds no more than the log will keep.
            g.entries.headMap(s.index(), true).clear();
        }
    }

    Map<Long, RecoveredGroup> groups() {
        Map<Long, RecoveredGroup> result = new TreeMap<>();
        groups.forEach((id, g) -> result.put(id,
                new RecoveredGroup(id, g.hardState, g.snapshot, new ArrayList<>(g.entries.values()))));
        return Collections.unmodifiableMap(result);
    }

    GroupMarks marks() {
        return marks;
    }

    private static final class GroupState {
        HardState hardState;
        SnapshotMark snapshot;
        final NavigableMap<Long, Entry> entries = new TreeMap<>();
    }
}
