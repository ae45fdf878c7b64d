package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.HardState;
import org.distdata.storage.wal.WalRecord.SnapshotMark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest hard state and snapshot mark of every group the log has seen. Each new
 * segment starts with them (its checkpoint), so no older segment is ever kept just for a
 * group's hard state, and they decide which old segments snapshots cover.
 */
final class GroupMarks {
    private final Map<Long, HardState> hardStates = new TreeMap<>();
    private final Map<Long, SnapshotMark> snapshots = new TreeMap<>();

    void note(WalRecord record) {
        if (record instanceof HardState h) {
            hardStates.put(h.group(), h);
        } else if (record instanceof SnapshotMark s) {
            snapshots.put(s.group(), s);
        }
    }

    boolean snapshotCovers(long group, long index) {
        SnapshotMark s = snapshots.get(group);
        return s != null && s.index() >= index;
    }

    /** The records a new segment starts with. */
    List<WalRecord> checkpoint() {
        List<WalRecord> records = new ArrayList<>(hardStates.size() + snapshots.size());
        records.addAll(hardStates.values());
        records.addAll(snapshots.values());
        return records;
    }
}
