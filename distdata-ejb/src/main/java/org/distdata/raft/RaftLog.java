package org.distdata.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * A replica's view of its log: the entries after the last snapshot, held in memory, and the
 * three positions that matter — how far it is durable ({@code stable}), how far it is known
 * committed, and how far the state machine has applied it. Entries at or below the
 * snapshot index are gone; only their last term is kept.
 */
final class RaftLog {

    private long snapshotIndex;
    private long snapshotTerm;
    private final List<Entry> entries = new ArrayList<>();
    private long stable;
    private long committed;
    private long applied;

    RaftLog(SnapshotMeta snapshot, List<Entry> persisted, long committed) {
        if (snapshot != null) {
            snapshotIndex = snapshot.index();
            snapshotTerm = snapshot.term();
        }
        for (Entry entry : persisted) {
            if (entry.index() != lastIndex() + 1) {
                throw new IllegalArgumentException("persisted entries are not contiguous at " + entry);
            }
            entries.add(entry);
        }
        stable = lastIndex();
        this.committed = Math.max(snapshotIndex, Math.min(committed, lastIndex()));
        applied = snapshotIndex;
    }

    long firstIndex() {
        return snapshotIndex + 1;
    }

    long lastIndex() {
        return snapshotIndex + entries.size();
    }

    long lastTerm() {
        return term(lastIndex());
    }

    long snapshotIndex() {
        return snapshotIndex;
    }

    long committed() {
        return committed;
    }

    long applied() {
        return applied;
    }

    long stable() {
        return stable;
    }

    /** The term of the entry at {@code index}, or -1 when it is compacted away or not there. */
    long term(long index) {
        if (index == snapshotIndex) {
            return snapshotTerm;
        }
        if (index < snapshotIndex || index > lastIndex()) {
            return -1;
        }
        return entries.get((int) (index - snapshotIndex - 1)).term();
    }

    Entry entry(long index) {
        return entries.get((int) (index - snapshotIndex - 1));
    }

    boolean matchTerm(long index, long term) {
        return term >= 0 && term(index) == term;
    }

    /** Raft's election restriction: is a log ending at (index, term) at least as up to date? */
    boolean isUpToDate(long index, long term) {
        return term > lastTerm() || (term == lastTerm() && index >= lastIndex());
    }

    /** Entries from {@code from} on, at least one if there is one, within the two limits. */
    List<Entry> slice(long from, int maxEntries, long maxBytes) {
        List<Entry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i <= lastIndex() && out.size() < maxEntries; i++) {
            Entry entry = entry(i);
            bytes += entry.sizeInBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(entry);
        }
        return out;
    }

    /** Appends entries that follow on from the log or replace a suffix of it. */
    void append(List<Entry> newEntries) {
        if (newEntries.isEmpty()) {
            return;
        }
        long first = newEntries.get(0).index();
        if (first <= committed) {
            throw new IllegalStateException("would overwrite committed entry " + first + " (committed " + committed + ")");
        }
        if (first > lastIndex() + 1) {
            throw new IllegalStateException("gap: appending " + first + " after " + lastIndex());
        }
        while (lastIndex() >= first) {
            entries.remove(entries.size() - 1);
        }
        stable = Math.min(stable, first - 1);
        entries.addAll(newEntries);
    }

    /**
     * The follower side of AppendEntries: when the log holds (prevIndex, prevTerm), keeps
     * the matching prefix of {@code newEntries}, replaces whatever conflicts, and advances
     * the commit index. Returns the index of the last new entry, or -1 on a mismatch.
     */
    long maybeAppend(long prevIndex, long prevTerm, long leaderCommit, List<Entry> newEntries) {
        if (!matchTerm(prevIndex, prevTerm)) {
            return -1;
        }
        long lastNew = prevIndex + newEntries.size();
        for (int i = 0; i < newEntries.size(); i++) {
            Entry entry = newEntries.get(i);
            if (entry.index() <= snapshotIndex) {
                continue;
            }
            if (!matchTerm(entry.index(), entry.term())) {
                append(newEntries.subList(i, newEntries.size()));
                break;
            }
        }
        commitTo(Math.min(leaderCommit, lastNew));
        return lastNew;
    }

    /**
     * The last index at or below {@code index} whose term is at most {@code term}: where a
     * log that disagrees at {@code index} can agree at the earliest.
     */
    long lastIndexWithTermAtMost(long index, long term) {
        long i = Math.min(index, lastIndex());
        while (i > snapshotIndex) {
            if (term(i) <= term) {
                return i;
            }
            i--;
        }
        return snapshotIndex;
    }

    void commitTo(long index) {
        if (index > committed) {
            if (index > lastIndex()) {
                throw new IllegalStateException("commit " + index + " beyond last index " + lastIndex());
            }
            committed = index;
        }
    }

    List<Entry> unstable() {
        return new ArrayList<>(entries.subList((int) (stable - snapshotIndex), entries.size()));
    }

    void stableTo(long index, long term) {
        if (index > stable && matchTerm(index, term)) {
            stable = index;
        }
    }

    /** Entries the state machine may apply now: after applied, up to {@code upTo}. */
    List<Entry> toApply(long upTo) {
        long from = Math.max(applied + 1, firstIndex());
        long to = Math.min(upTo, lastIndex());
        return from > to ? List.of() : new ArrayList<>(entries.subList((int) (from - snapshotIndex - 1),
                (int) (to - snapshotIndex)));
    }

    void appliedTo(long index) {
        applied = Math.max(applied, index);
    }

    /** Replaces the whole log by a snapshot received from the leader. */
    void restore(SnapshotMeta snapshot) {
        entries.clear();
        snapshotIndex = snapshot.index();
        snapshotTerm = snapshot.term();
        stable = snapshotIndex;
        committed = snapshotIndex;
        applied = snapshotIndex;
    }

    /** Forgets entries up to {@code index}, which a local snapshot now covers. */
    void compact(long index) {
        if (index <= snapshotIndex) {
            return;
        }
        if (index > applied) {
            throw new IllegalStateException("cannot compact unapplied entries: " + index + " > " + applied);
        }
        long term = term(index);
        entries.subList(0, (int) (index - snapshotIndex)).clear();
        snapshotIndex = index;
        snapshotTerm = term;
    }
}
