package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;
import org.distdata.storage.wal.WalRecord.HardState;
import org.distdata.storage.wal.WalRecord.SnapshotMark;

import java.util.List;

/**
 * What the log holds for one Raft group after a restart: what the Raft layer needs to
 * rebuild the group's in-memory log.
 *
 * @param hardState the latest hard state, or null if none was written
 * @param snapshot  the latest snapshot mark, or null if none was written
 * @param entries   the entries above the snapshot index, in index order, with truncations
 *                  applied and later entries replacing earlier ones at the same index
 */
public record RecoveredGroup(long group, HardState hardState, SnapshotMark snapshot, List<Entry> entries) {
    public RecoveredGroup {
        entries = List.copyOf(entries);
    }
}
