package org.distdata.replication;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.distdata.raft.Entry;
import org.distdata.raft.HardState;
import org.distdata.raft.Membership;
import org.distdata.raft.Ready;
import org.distdata.raft.SnapshotMeta;
import org.distdata.storage.wal.RecoveredGroup;
import org.distdata.storage.wal.WalRecord;

/**
 * Translates between Raft's view of durable state and the node's shared write-ahead log:
 * a group's {@link Ready} becomes WAL records (entries, a truncation when the Ready replaces
 * a suffix, the hard state, a snapshot mark), and a recovered group becomes what a
 * {@link org.distdata.raft.RaftReplica} restarts from.
 */
public final class RaftWal {

    /** What one group restarts from: its hard state, its latest snapshot (or null) and the entries after it. */
    public record PersistedGroup(HardState hardState, SnapshotMeta snapshot, List<Entry> entries) {

        public static final PersistedGroup EMPTY = new PersistedGroup(HardState.EMPTY, null, List.of());
    }

    private final Map<Long, Long> lastIndex = new HashMap<>();
    private final Map<Long, HardState> lastHardState = new HashMap<>();

    /** Remembers how far each recovered group's log reaches, so the next write knows when it truncates. */
    public RaftWal(Map<Long, RecoveredGroup> recovered) {
        recovered.forEach((group, g) -> {
            long last = g.entries().isEmpty() ? (g.snapshot() == null ? 0 : g.snapshot().index())
                    : g.entries().get(g.entries().size() - 1).index();
            lastIndex.put(group, last);
            if (g.hardState() != null) {
                lastHardState.put(group, new HardState(g.hardState().term(), g.hardState().vote(), g.hardState().commit()));
            }
        });
    }

    /**
     * The records that make one group's Ready durable, in the order they must be written,
     * and whether they must be synced before the Ready's messages leave: they must when they
     * append or replace entries, install a snapshot, or change the term or the vote. A Ready
     * that only advances the commit index need not wait — the index is learnt again from
     * the leader after a restart.
     */
    public record Records(List<WalRecord> records, boolean needsSync) {
    }

    public Records records(long group, Ready ready) {
        List<WalRecord> out = new ArrayList<>(ready.entries().size() + 2);
        boolean needsSync = ready.installSnapshot() != null || !ready.entries().isEmpty();
        if (ready.installSnapshot() != null) {
            out.add(snapshotTaken(group, ready.installSnapshot()));
            out.add(new WalRecord.Truncate(group, ready.installSnapshot().index() + 1));
            lastIndex.put(group, ready.installSnapshot().index());
        }
        if (!ready.entries().isEmpty()) {
            long first = ready.entries().get(0).index();
            if (first <= lastIndex.getOrDefault(group, 0L)) {
                out.add(new WalRecord.Truncate(group, first));
            }
            for (Entry e : ready.entries()) {
                out.add(new WalRecord.Entry(group, e.index(), e.term(), (byte) e.kind().ordinal(), e.data()));
            }
            lastIndex.put(group, ready.entries().get(ready.entries().size() - 1).index());
        }
        if (ready.hardState() != null) {
            HardState h = ready.hardState();
            HardState previous = lastHardState.put(group, h);
            needsSync |= previous == null || previous.term() != h.term() || previous.vote() != h.vote();
            out.add(new WalRecord.HardState(group, h.term(), h.vote(), h.commit()));
        }
        return new Records(out, needsSync);
    }

    /**
     * The state machine has a snapshot up to {@code meta.index()}: the log before it may go.
     * The mark carries the membership at that index, which a restart cannot learn elsewhere.
     */
    public WalRecord.SnapshotMark snapshotTaken(long group, SnapshotMeta meta) {
        return new WalRecord.SnapshotMark(group, meta.index(), meta.term(), encode(meta.membership()));
    }

    /**
     * What {@code g} restarts from; {@code bootstrap} is the membership of a snapshot mark
     * written without one.
     */
    public static PersistedGroup restore(RecoveredGroup g, Membership bootstrap) {
        HardState hardState = g.hardState() == null ? HardState.EMPTY
                : new HardState(g.hardState().term(), g.hardState().vote(), g.hardState().commit());
        List<Entry> entries = new ArrayList<>(g.entries().size());
        for (WalRecord.Entry e : g.entries()) {
            entries.add(new Entry(e.term(), e.index(), Entry.Kind.values()[e.type()], e.payload()));
        }
        SnapshotMeta snapshot = null;
        if (g.snapshot() != null) {
            byte[] context = g.snapshot().context();
            snapshot = new SnapshotMeta(g.snapshot().index(), g.snapshot().term(),
                    context.length == 0 ? bootstrap : decodeMembership(context));
        }
        return new PersistedGroup(hardState, snapshot, entries);
    }

    static byte[] encode(Membership membership) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * (membership.voters().size() + membership.learners().size()));
        b.putInt(membership.voters().size());
        membership.voters().forEach(b::putLong);
        b.putInt(membership.learners().size());
        membership.learners().forEach(b::putLong);
        return b.array();
    }

    static Membership decodeMembership(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        Set<Long> voters = new TreeSet<>();
        for (int n = b.getInt(); n > 0; n--) {
            voters.add(b.getLong());
        }
        Set<Long> learners = new TreeSet<>();
        for (int n = b.getInt(); n > 0; n--) {
            learners.add(b.getLong());
        }
        return new Membership(voters, learners);
    }
}
