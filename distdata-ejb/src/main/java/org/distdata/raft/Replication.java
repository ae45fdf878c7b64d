package org.distdata.raft;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

import org.distdata.raft.Message.AppendRequest;
import org.distdata.raft.Message.AppendResponse;
import org.distdata.raft.Message.Heartbeat;
import org.distdata.raft.Message.HeartbeatResponse;
import org.distdata.raft.Message.SnapshotChunk;
import org.distdata.raft.Message.SnapshotResponse;
import org.distdata.raft.Message.TimeoutNow;

/**
 * The leader side of log replication for one replica: a {@link Progress} per follower,
 * appends batched per follower and pipelined up to a window, fast backtracking on
 * rejection, snapshots streamed in chunks to followers whose next entry is compacted away,
 * and the commit rule — an index is committed once a quorum of voters stores it and it
 * belongs to the leader's current term.
 */
final class Replication {

    private final RaftReplica replica;
    private final RaftLog log;
    private final RaftOptions options;
    private final Map<Long, Progress> peers = new TreeMap<>();
    private final Set<Long> appendDue = new LinkedHashSet<>();
    private Membership membership;
    private SnapshotMeta snapshotMeta;
    private SnapshotSource snapshotData;

    Replication(RaftReplica replica, RaftLog log, RaftOptions options) {
        this.replica = replica;
        this.log = log;
        this.options = options;
    }

    void becomeLeader(Membership current) {
        peers.clear();
        appendDue.clear();
        membership = current;
        for (long member : current.members()) {
            if (member != replica.id()) {
                peers.put(member, new Progress(log.lastIndex() + 1));
            }
        }
    }

    void membershipChanged(Membership next) {
        membership = next;
        peers.keySet().retainAll(next.members());
        for (long member : next.members()) {
            if (member != replica.id() && !peers.containsKey(member)) {
                peers.put(member, new Progress(log.lastIndex() + 1));
                appendDue.add(member);
            }
        }
        maybeCommit();
    }

    void setLocalSnapshot(SnapshotMeta meta, SnapshotSource data) {
        snapshotMeta = meta;
        snapshotData = data;
        for (Map.Entry<Long, Progress> peer : peers.entrySet()) {
            if (peer.getValue().state == Progress.State.SNAPSHOT) {
                peer.getValue().becomeSnapshot(meta); // restart with the newer snapshot
                sendSnapshotChunk(peer.getKey(), peer.getValue());
            }
        }
    }

    /** New entries are in the leader's log: every follower gets them with the next Ready. */
    void appendedLocally() {
        appendDue.addAll(peers.keySet());
    }

    boolean hasAppendsDue() {
        return !appendDue.isEmpty();
    }

    void sendDueAppends() {
        for (long peer : appendDue) {
            Progress progress = peers.get(peer);
            if (progress != null) {
                sendAppend(peer, progress);
            }
        }
        appendDue.clear();
    }

    private void sendAppend(long peer, Progress progress) {
        while (progress.canSendAppend(options.maxInflightAppends())) {
            long prevIndex = progress.next - 1;
            long prevTerm = log.term(prevIndex);
            if (prevTerm < 0) {
                startSnapshot(peer, progress);
                return;
            }
            List<Entry> entries = log.slice(progress.next, options.maxEntriesPerAppend(), options.maxBytesPerAppend());
            // With nothing new for a lagging follower (a heartbeat response asked) this is an
            // empty append at next - 1: if an append in flight was lost, the follower rejects
            // it and the leader probes back from match, instead of waiting for a proposal.
            replica.send(new AppendRequest(replica.id(), peer, replica.term(), prevIndex, prevTerm, entries,
                    log.committed()));
            progress.sentAppend(entries.isEmpty() ? prevIndex : entries.get(entries.size() - 1).index());
            if (progress.state != Progress.State.REPLICATE || progress.next > log.lastIndex()) {
                return;
            }
        }
    }

    private void startSnapshot(long peer, Progress progress) {
        if (snapshotMeta == null) {
            throw new IllegalStateException("entries before " + log.firstIndex() + " are compacted but there is no snapshot");
        }
        progress.becomeSnapshot(snapshotMeta);
        sendSnapshotChunk(peer, progress);
    }

    private void sendSnapshotChunk(long peer, Progress progress) {
        if (snapshotData == null) {
            // Restarted from a compacted log without the bytes at hand: the follower waits in
            // SNAPSHOT until the host provides them (setLocalSnapshot restarts the transfer).
            return;
        }
        byte[] chunk = snapshotData.read(progress.snapshotOffset, options.snapshotChunkBytes());
        boolean last = progress.snapshotOffset + chunk.length >= snapshotData.size();
        progress.snapshotIdleTicks = 0;
        replica.send(new SnapshotChunk(replica.id(), peer, replica.term(), progress.snapshot, progress.snapshotOffset,
                chunk, last));
    }

    /** Whether a follower waits for a snapshot whose bytes this leader does not have. */
    boolean snapshotDataNeeded() {
        return snapshotMeta != null && snapshotData == null
                && peers.values().stream().anyMatch(p -> p.state == Progress.State.SNAPSHOT);
    }

    SnapshotMeta localSnapshot() {
        return snapshotMeta;
    }

    /** Each follower's match index. */
    Map<Long, Long> matchIndexes() {
        Map<Long, Long> out = new TreeMap<>();
        peers.forEach((peer, progress) -> out.put(peer, progress.match));
        return out;
    }

    /** Resends the current chunk to followers that have not answered for a while (it was lost). */
    void tickSnapshots() {
        for (Map.Entry<Long, Progress> peer : peers.entrySet()) {
            Progress progress = peer.getValue();
            if (progress.state == Progress.State.SNAPSHOT
                    && ++progress.snapshotIdleTicks >= Math.max(2, options.electionTicks() / 2)) {
                sendSnapshotChunk(peer.getKey(), progress);
            }
        }
    }

    void sendHeartbeats(long round) {
        for (Map.Entry<Long, Progress> peer : peers.entrySet()) {
            Progress progress = peer.getValue();
            long commit = Math.min(progress.match, log.committed());
            replica.send(new Heartbeat(replica.id(), peer.getKey(), replica.term(), commit, round));
        }
    }

    void step(Message m) {
        Progress progress = peers.get(m.from());
        if (progress == null) {
            return;
        }
        progress.recentActive = true;
        if (m instanceof AppendResponse r) {
            if (r.success()) {
                onAppendAccepted(r, progress);
            } else if (backtrack(progress, r)) {
                appendDue.add(r.from());
            }
        } else if (m instanceof HeartbeatResponse h) {
            progress.ackedRound = Math.max(progress.ackedRound, h.round());
            progress.probeSent = false;
            if (progress.state == Progress.State.REPLICATE
                    && progress.inflight.size() >= options.maxInflightAppends()) {
                // the follower is alive but the window stays full: an append was lost; let one more go
                progress.inflight.pollFirst();
            }
            if (progress.match < log.lastIndex() || progress.state == Progress.State.PROBE) {
                appendDue.add(h.from());
            }
            replica.quorumAnsweredRound(quorumRound());
        } else if (m instanceof SnapshotResponse s) {
            onSnapshotResponse(s, progress);
        }
    }

    private void onSnapshotResponse(SnapshotResponse s, Progress progress) {
        if (s.done()) {
            progress.acknowledge(s.index());
            if (progress.state == Progress.State.SNAPSHOT) {
                progress.becomeProbe();
            }
            appendDue.add(s.from());
            maybeCommit();
        } else if (progress.state == Progress.State.SNAPSHOT && s.index() == progress.snapshot.index()) {
            progress.snapshotOffset = s.nextOffset();
            sendSnapshotChunk(s.from(), progress);
        }
    }

    private void onAppendAccepted(AppendResponse r, Progress progress) {
        if (progress.acknowledge(r.index())) {
            if (progress.state == Progress.State.PROBE) {
                progress.becomeReplicate();
            }
            maybeCommit();
            if (replica.isTransferringTo(r.from()) && progress.match == log.lastIndex()) {
                replica.send(new TimeoutNow(replica.id(), r.from(), replica.term()));
            }
        }
        if (progress.next <= log.lastIndex() || progress.state == Progress.State.PROBE) {
            appendDue.add(r.from());
        }
    }

    /**
     * A follower rejected an append. Moves {@code next} back, past a whole conflicting term
     * when the follower's hint allows; false if the rejection is stale.
     */
    private boolean backtrack(Progress progress, AppendResponse r) {
        if (progress.state == Progress.State.REPLICATE) {
            if (r.index() <= progress.match) {
                return false;
            }
            progress.becomeProbe();
            return true;
        }
        if (progress.state != Progress.State.PROBE || progress.next - 1 != r.index()) {
            return false;
        }
        long agreeAt = log.lastIndexWithTermAtMost(r.hintIndex(), r.hintTerm());
        progress.next = Math.max(Math.min(r.index(), agreeAt + 1), progress.match + 1);
        progress.probeSent = false;
        return true;
    }

    /** Advances the commit index to what a quorum of voters stores, if it is of this term. */
    void maybeCommit() {
        if (membership.voters().isEmpty()) {
            return;
        }
        long candidate = reachedByQuorum(log.stable(), p -> p.match);
        if (candidate > log.committed() && (log.term(candidate) == replica.term()
                || options.has(InjectedBug.COMMIT_OLD_TERM_BY_COUNTING))) {
            log.commitTo(candidate);
            replica.committedAsLeader();
        }
    }

    /** The highest heartbeat round a quorum of voters (the leader included) has answered. */
    long quorumRound() {
        return membership.voters().isEmpty() ? 0 : reachedByQuorum(Long.MAX_VALUE, p -> p.ackedRound);
    }

    /**
     * The highest value that a quorum of voters has reached, where the leader's own value
     * is {@code own} and a follower's is {@code of} its progress (0 if it has none).
     */
    private long reachedByQuorum(long own, ToLongFunction<Progress> of) {
        long[] values = membership.voters().stream()
                .mapToLong(v -> v == replica.id() ? own : peers.containsKey(v) ? of.applyAsLong(peers.get(v)) : 0)
                .sorted().toArray();
        return values[values.length - membership.quorum()];
    }

    boolean quorumRecentlyActive() {
        long active = membership.voters().stream()
                .filter(v -> v == replica.id() || (peers.containsKey(v) && peers.get(v).recentActive)).count();
        return active >= membership.quorum();
    }

    void clearRecentActivity() {
        peers.values().forEach(p -> p.recentActive = false);
    }

    void startTransfer(long target) {
        Progress progress = peers.get(target);
        if (progress.match == log.lastIndex()) {
            replica.send(new TimeoutNow(replica.id(), target, replica.term()));
        } else {
            appendDue.add(target);
        }
    }

    @Override
    public String toString() {
        return Arrays.toString(peers.entrySet().toArray());
    }
}
