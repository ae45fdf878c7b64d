package org.distdata.replication;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.distdata.raft.Entry;
import org.distdata.raft.Message;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.RaftEngine;
import org.distdata.raft.RaftReplica;
import org.distdata.raft.ReadState;
import org.distdata.raft.Role;
import org.distdata.raft.SnapshotMeta;

/**
 * What {@link RaftHost} does with the loop's events: completes proposals and reads, keeps
 * the leader table its callers read, and counts into {@link RaftMetrics}. Runs on the host's
 * loop thread.
 */
final class HostEvents implements ReadyLoop.Listener {

    private final RaftMetrics metrics;
    private final Proposals proposals;
    private final PendingReads reads;
    private final Map<Long, Long> leaders;
    private final Map<Long, Long> lastKnownLeader = new HashMap<>();
    private final Map<Long, Long> lastTerm = new HashMap<>();
    private ReadyLoop loop;

    HostEvents(RaftMetrics metrics, Proposals proposals, PendingReads reads, Map<Long, Long> leaders) {
        this.metrics = metrics;
        this.proposals = proposals;
        this.reads = reads;
        this.leaders = leaders;
    }

    void attach(ReadyLoop readyLoop) {
        this.loop = readyLoop;
    }

    /** A removed group's history must not count when it is added again. */
    void forget(long group) {
        lastKnownLeader.remove(group);
        lastTerm.remove(group);
    }

    @Override
    public void readyTaken(RaftEngine.EngineReady ready) {
        for (PeerMessage m : ready.messages()) {
            if (m instanceof PeerMessage.Single s && s.message() instanceof Message.SnapshotChunk c && c.offset() == 0) {
                metrics.snapshotsSent.incrementAndGet();
            }
        }
    }

    @Override
    public void snapshotInstalled(long group, SnapshotMeta meta) {
        metrics.snapshotsInstalled.incrementAndGet();
        proposals.coveredBySnapshot(group, meta.index());
    }

    @Override
    public void applied(long group, List<Entry> entries) {
        metrics.commits.addAndGet(entries.size());
        proposals.applied(group, entries, leaders.getOrDefault(group, RaftReplica.NONE));
    }

    @Override
    public void readStates(long group, List<ReadState> states) {
        reads.confirmed(states);
    }

    @Override
    public void roleChanged(long group, Role role, long term, long leader) {
        leaders.put(group, leader);
        if (leader != RaftReplica.NONE && !Long.valueOf(leader).equals(lastKnownLeader.put(group, leader))) {
            metrics.leaderChanges.incrementAndGet();
        }
        // A term rising while this node campaigns or leads is an election it started (a
        // single voter wins within one tick, so its CANDIDATE role is never seen).
        Long previousTerm = lastTerm.put(group, term);
        if (previousTerm != null && term > previousTerm && (role == Role.CANDIDATE || role == Role.LEADER)) {
            metrics.electionsStarted.incrementAndGet();
        }
        if (role != Role.LEADER) {
            // the Raft core forgets the reads of a leader that steps down
            reads.failAll(group, g -> new ProposalRejectedException(ProposalRejectedException.Reason.NOT_LEADER,
                    leader, "node is no longer the leader of group " + g));
        }
    }

    @Override
    public void snapshotTaken(long group, SnapshotMeta meta) {
        metrics.snapshotsTaken.incrementAndGet();
    }

    @Override
    public void advanced(RaftEngine.EngineReady ready) {
        for (long group : ready.groups().keySet()) {
            RaftReplica replica = loop.engine().group(group);
            if (replica != null) {
                metrics.applyLag.put(group, Math.max(0, replica.commitIndex() - loop.handedOff(group)));
            }
        }
    }
}
