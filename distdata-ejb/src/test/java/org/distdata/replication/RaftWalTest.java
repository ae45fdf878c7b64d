package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.distdata.raft.Entry;
import org.distdata.raft.HardState;
import org.distdata.raft.Membership;
import org.distdata.raft.Ready;
import org.distdata.raft.Role;
import org.distdata.raft.SnapshotMeta;
import org.distdata.storage.wal.RecoveredGroup;
import org.distdata.storage.wal.WalRecord;
import org.junit.jupiter.api.Test;

class RaftWalTest {

    private static Ready ready(HardState hardState, List<Entry> entries, SnapshotMeta install) {
        return new Ready(Role.FOLLOWER, 0, 1, hardState, entries, List.of(), List.of(), List.of(), List.of(), install);
    }

    private static Entry entry(long term, long index) {
        return new Entry(term, index, Entry.Kind.COMMAND, new byte[] {(byte) index});
    }

    @Test
    void entriesThatReplaceASuffixAreWrittenAfterATruncation() {
        RaftWal wal = new RaftWal(Map.of());
        RaftWal.Records first = wal.records(1, ready(null, List.of(entry(1, 1), entry(1, 2), entry(1, 3)), null));
        assertThat(first.records()).noneMatch(r -> r instanceof WalRecord.Truncate);
        RaftWal.Records replace = wal.records(1, ready(null, List.of(entry(2, 2)), null));
        assertThat(replace.records().get(0)).isEqualTo(new WalRecord.Truncate(1, 2));
        assertThat(replace.records().get(1)).isInstanceOf(WalRecord.Entry.class);
        RaftWal.Records next = wal.records(1, ready(null, List.of(entry(2, 3)), null));
        assertThat(next.records()).noneMatch(r -> r instanceof WalRecord.Truncate);
    }

    @Test
    void onlyACommitIndexChangeNeedsNoSyncButATermOrVoteChangeDoes() {
        RaftWal wal = new RaftWal(Map.of());
        assertThat(wal.records(1, ready(new HardState(1, 2, 0), List.of(), null)).needsSync()).isTrue();
        assertThat(wal.records(1, ready(new HardState(1, 2, 5), List.of(), null)).needsSync()).isFalse();
        assertThat(wal.records(1, ready(new HardState(2, 0, 5), List.of(), null)).needsSync()).isTrue();
        assertThat(wal.records(1, ready(new HardState(2, 3, 5), List.of(), null)).needsSync()).isTrue();
        assertThat(wal.records(1, ready(null, List.of(entry(2, 6)), null)).needsSync()).isTrue();
        assertThat(wal.records(2, ready(new HardState(1, 0, 0), List.of(), null)).needsSync())
                .as("another group's first hard state").isTrue();
    }

    @Test
    void anInstalledSnapshotIsMarkedAndDropsTheLogAfterIt() {
        RaftWal wal = new RaftWal(Map.of());
        wal.records(1, ready(null, List.of(entry(1, 1), entry(1, 2)), null));
        RaftWal.Records r = wal.records(1, ready(null, List.of(), new SnapshotMeta(10, 3, Membership.ofVoters(1L))));
        assertThat(r.records()).containsExactly(
                new WalRecord.SnapshotMark(1, 10, 3, RaftWal.encode(Membership.ofVoters(1L))),
                new WalRecord.Truncate(1, 11));
        assertThat(r.needsSync()).isTrue();
    }

    @Test
    void aRecoveredGroupRestartsWithItsHardStateAndEntries() {
        RecoveredGroup g = new RecoveredGroup(4, new WalRecord.HardState(4, 3, 2, 1), null,
                List.of(new WalRecord.Entry(4, 1, 3, (byte) Entry.Kind.NOOP.ordinal(), new byte[0]),
                        new WalRecord.Entry(4, 2, 3, (byte) Entry.Kind.COMMAND.ordinal(), new byte[] {9})));
        RaftWal.PersistedGroup p = RaftWal.restore(g, Membership.ofVoters(1L));
        assertThat(p.hardState()).isEqualTo(new HardState(3, 2, 1));
        assertThat(p.entries()).containsExactly(new Entry(3, 1, Entry.Kind.NOOP, new byte[0]),
                new Entry(3, 2, Entry.Kind.COMMAND, new byte[] {9}));
        RaftWal wal = new RaftWal(Map.of(4L, g));
        assertThat(wal.records(4, ready(null, List.of(entry(4, 2)), null)).records().get(0))
                .as("the recovered log reaches index 2").isEqualTo(new WalRecord.Truncate(4, 2));
    }

    @Test
    void aCompactedGroupRestartsFromItsMarkWithTheMembershipRecordedInIt() {
        Membership changed = new Membership(Set.of(1L, 2L, 4L), Set.of(5L));
        RaftWal wal = new RaftWal(Map.of());
        WalRecord.SnapshotMark mark = wal.snapshotTaken(0, new SnapshotMeta(40, 6, changed));
        RecoveredGroup g = new RecoveredGroup(0, new WalRecord.HardState(0, 7, 2, 41), mark,
                List.of(new WalRecord.Entry(0, 41, 7, (byte) Entry.Kind.COMMAND.ordinal(), new byte[] {1})));

        RaftWal.PersistedGroup p = RaftWal.restore(g, Membership.ofVoters(1L, 2L, 3L));

        assertThat(p.snapshot()).isEqualTo(new SnapshotMeta(40, 6, changed));
        assertThat(p.entries()).extracting(Entry::index).containsExactly(41L);
        assertThat(RaftWal.restore(new RecoveredGroup(0, null, new WalRecord.SnapshotMark(0, 40, 6), List.of()),
                Membership.ofVoters(1L)).snapshot().membership()).as("a mark written without membership")
                .isEqualTo(Membership.ofVoters(1L));
    }
}
