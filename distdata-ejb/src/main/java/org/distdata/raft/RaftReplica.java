package org.distdata.raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.distdata.raft.Message.AppendRequest;
import org.distdata.raft.Message.AppendResponse;
import org.distdata.raft.Message.Heartbeat;
import org.distdata.raft.Message.HeartbeatResponse;
import org.distdata.raft.Message.SnapshotChunk;
import org.distdata.raft.Message.SnapshotResponse;
import org.distdata.raft.Message.TimeoutNow;
import org.distdata.raft.Message.VoteRequest;
import org.distdata.raft.Message.VoteResponse;

/**
 * One replica of one Raft group, as a pure state machine in the style of etcd's raft: it
 * does no I/O and reads no clock. The host feeds it {@link #tick()}s and received
 * {@link #step messages}, asks it for work with {@link #ready()}, does that work in the
 * order {@link Ready} gives, and reports back with {@link #advance}. Given the same inputs
 * and random seed it makes the same decisions, which is what lets the simulation replay a
 * failing run exactly.
 *
 * <p>It covers leader election with randomized timeouts, PreVote and CheckQuorum; log
 * replication with pipelining, batching and fast backtracking; commitment of current-term
 * entries only; chunked snapshots; learners and single-server membership changes;
 * leadership transfer; and ReadIndex and leader-lease reads. Leader-side replication lives
 * in {@link Replication}; this class holds the replica's state, elections and the follower
 * side.
 */
public final class RaftReplica {

    /** No node: no vote cast, no leader known. Node ids are positive. */
    public static final long NONE = 0;

    private final RaftOptions options;
    private final long id;
    private final Random random;
    private final RaftLog log;
    private final Replication replication;
    private final LinearizableReads reads = new LinearizableReads();

    private long term;
    private long vote;
    private long leader = NONE;
    private Role role = Role.FOLLOWER;

    private Membership membership;
    private final TreeMap<Long, Membership> membershipByIndex = new TreeMap<>();
    private long membershipAppliedThrough;
    private long pendingMembershipIndex;

    private int electionElapsed;
    private int heartbeatElapsed;
    private int randomizedElectionTimeout;
    private long ticks;
    private final Map<Long, Boolean> votes = new HashMap<>();
    private long transferee = NONE;

    private SnapshotMeta receivingSnapshot;
    private long receivingOffset;
    private final List<ReceivedSnapshotChunk> receivedChunks = new ArrayList<>();
    private SnapshotMeta snapshotToInstall;

    private final List<Message> outbox = new ArrayList<>();
    private HardState persistedHardState;

    /**
     * A replica restarted from what it persisted: its hard state, its latest snapshot (or
     * null), the entries after it, and how far its state machine has applied (at least the
     * snapshot index). {@code bootstrap} is the membership when neither the snapshot nor
     * the log says otherwise; {@code snapshotData} is that snapshot's bytes, or null.
     */
    public RaftReplica(RaftOptions options, Membership bootstrap, HardState hardState, SnapshotMeta snapshot,
                       SnapshotSource snapshotData, List<Entry> entries, long applied) {
        this.options = options;
        this.id = options.id();
        if (id <= NONE) {
            throw new IllegalArgumentException("node ids are positive: " + id);
        }
        this.random = new Random(options.randomSeed());
        this.log = new RaftLog(snapshot, entries, hardState.commit());
        this.replication = new Replication(this, log, options);
        this.term = hardState.term();
        this.vote = hardState.vote();
        this.persistedHardState = new HardState(term, vote, log.committed());
        this.membership = snapshot != null ? snapshot.membership() : bootstrap;
        long base = snapshot != null ? snapshot.index() : 0;
        membershipByIndex.put(base, membership);
        membershipAppliedThrough = base;
        if (snapshot != null) {
            replication.setLocalSnapshot(snapshot, snapshotData);
        }
        log.appliedTo(Math.min(applied, log.committed()));
        applyCommittedMembership();
        randomizeElectionTimeout();
    }

    /** A brand-new replica with an empty log. */
    public static RaftReplica bootstrap(RaftOptions options, Membership membership) {
        return new RaftReplica(options, membership, HardState.EMPTY, null, null, List.of(), 0);
    }

    // ---- inputs -------------------------------------------------------------------------

    /** Advances the replica's logical clock by one tick. */
    public void tick() {
        ticks++;
        if (role == Role.LEADER) {
            tickLeader();
        } else {
            electionElapsed++;
            if (promotable() && electionElapsed >= randomizedElectionTimeout) {
                electionElapsed = 0;
                campaign(options.preVote(), false);
            }
        }
    }

    private void tickLeader() {
        heartbeatElapsed++;
        electionElapsed++;
        if (electionElapsed >= options.electionTicks()) {
            electionElapsed = 0;
            if (options.checkQuorum() && !replication.quorumRecentlyActive()) {
                becomeFollower(term, NONE);
                return;
            }
            replication.clearRecentActivity();
            if (transferee != NONE) {
                transferee = NONE; // the target did not win in time; serve again
            }
        }
        replication.tickSnapshots();
        if (heartbeatElapsed >= options.heartbeatTicks()) {
            heartbeatElapsed = 0;
            broadcastHeartbeat();
        }
    }

    /** Handles a message from another replica of this group. */
    public void step(Message m) {
        if (m.term() > term) {
            if (m instanceof VoteRequest v) {
                if (!v.transfer() && inLease()) {
                    return; // a leader is alive as far as this replica knows: no disruption
                }
                if (v.preVote()) {
                    handleVoteRequest(v);
                    return;
                }
            }
            if (m instanceof VoteResponse r && r.preVote() && r.granted()) {
                // a granted pre-vote carries the term the candidate would use; stay in ours
            } else {
                boolean fromLeader = m instanceof AppendRequest || m instanceof Heartbeat || m instanceof SnapshotChunk;
                becomeFollower(m.term(), fromLeader ? m.from() : NONE);
            }
        } else if (m.term() < term) {
            if (m instanceof AppendRequest || m instanceof Heartbeat || m instanceof SnapshotChunk) {
                // tell a deposed leader about the newer term so it steps down
                send(new AppendResponse(id, m.from(), term, false, 0, 0, 0));
            } else if (m instanceof VoteRequest v && v.preVote()) {
                send(new VoteResponse(id, m.from(), term, true, false));
            }
            return;
        }
        if (m instanceof VoteRequest v) {
            handleVoteRequest(v);
            return;
        }
        switch (role) {
            case LEADER -> replication.step(m);
            case PRE_CANDIDATE, CANDIDATE -> stepCandidate(m);
            case FOLLOWER -> stepFollower(m);
        }
        applyCommittedMembership();
    }

    /**
     * Appends commands to the log; they are committed once a quorum stores them. Returns
     * the index of the first one (the rest follow in order).
     */
    public long propose(List<byte[]> commands) {
        requireLeaderAcceptingProposals();
        long first = log.lastIndex() + 1;
        List<Entry> entries = new ArrayList<>(commands.size());
        for (byte[] command : commands) {
            entries.add(new Entry(term, first + entries.size(), Entry.Kind.COMMAND, command));
        }
        appendAsLeader(entries);
        return first;
    }

    public long propose(byte[] command) {
        return propose(List.of(command));
    }

    /** Proposes a single-server membership change; only one may be pending at a time. */
    public long proposeMembershipChange(MembershipChange change) {
        requireLeaderAcceptingProposals();
        if (pendingMembershipIndex > log.committed()) {
            throw new ProposalRejectedException(ProposalRejectedException.Reason.MEMBERSHIP_CHANGE_PENDING, id,
                    "a membership change is still pending at index " + pendingMembershipIndex);
        }
        Membership next = membership.apply(change);
        if (next.equals(membership)) {
            throw new ProposalRejectedException(ProposalRejectedException.Reason.INVALID, id,
                    change + " does not change " + membership);
        }
        if (next.voters().isEmpty()) {
            throw new ProposalRejectedException(ProposalRejectedException.Reason.INVALID, id,
                    "cannot remove the last voter");
        }
        long index = log.lastIndex() + 1;
        appendAsLeader(List.of(new Entry(term, index, Entry.Kind.MEMBERSHIP, change.encode())));
        pendingMembershipIndex = index;
        return index;
    }

    /**
     * Asks for a linearizable read; {@link Ready#readStates()} later names the index the
     * state machine must have applied before the read is served.
     */
    public void read(long requestId, ReadMode mode) {
        if (role != Role.LEADER) {
            throw notLeader();
        }
        if (log.term(log.committed()) != term) {
            reads.waitForTermCommit(requestId, mode);
            return;
        }
        if (membership.voters().size() == 1 && membership.isVoter(id)) {
            reads.release(requestId, log.committed());
        } else if (mode == ReadMode.LEASE && options.checkQuorum() && transferee == NONE && reads.leaseHolds(replication.quorumRound(),
                ticks, options.electionTicks() - options.leaseMarginTicks())) {
            reads.release(requestId, log.committed());
        } else {
            reads.awaitNextRound(requestId, log.committed());
        }
    }

    /** Hands leadership to {@code target}, a voter, once its log is up to date. */
    public void transferLeadership(long target) {
        if (role != Role.LEADER) {
            throw notLeader();
        }
        if (target == id || !membership.isVoter(target)) {
            throw new ProposalRejectedException(ProposalRejectedException.Reason.INVALID, id,
                    "cannot transfer leadership to " + target);
        }
        transferee = target;
        electionElapsed = 0;
        reads.forfeitLease();
        replication.startTransfer(target);
    }

    /**
     * The state machine has a snapshot covering every entry up to {@code index} (which it
     * has applied): entries up to it are dropped and followers too far behind get the
     * snapshot instead. Returns what the snapshot covers (to persist with it), or null if
     * an earlier snapshot already covers {@code index}.
     */
    public SnapshotMeta compact(long index, SnapshotSource data) {
        if (index <= log.snapshotIndex()) {
            return null;
        }
        SnapshotMeta meta = new SnapshotMeta(index, log.term(index), membershipByIndex.floorEntry(index).getValue());
        log.compact(index);
        membershipByIndex.headMap(index).clear();
        membershipByIndex.putIfAbsent(index, meta.membership());
        replication.setLocalSnapshot(meta, data);
        return meta;
    }

    /**
     * The host installed the snapshot a {@link Ready#installSnapshot()} named; these are its
     * bytes, which this replica sends on if it becomes leader and a follower needs them.
     */
    public void snapshotInstalled(SnapshotMeta meta, SnapshotSource data) {
        if (meta.index() == log.snapshotIndex() && meta.term() == log.term(meta.index())) {
            replication.setLocalSnapshot(meta, data);
        }
    }

    /**
     * Whether the host must provide the bytes of the snapshot this replica restarted from:
     * it was restarted from a compacted log with {@code snapshotData} null (the bytes are
     * fetched lazily), it leads, and a follower needs that snapshot.
     */
    public boolean snapshotDataNeeded() {
        return role == Role.LEADER && replication.snapshotDataNeeded();
    }

    /**
     * The bytes of the snapshot this replica restarted from, which the host did not have at
     * hand then; a transfer waiting for them starts.
     */
    public void provideSnapshotData(SnapshotSource data) {
        SnapshotMeta meta = replication.localSnapshot();
        if (meta != null && meta.index() == log.snapshotIndex()) {
            replication.setLocalSnapshot(meta, data);
        }
    }

    // ---- output -------------------------------------------------------------------------

    /** Whether {@link #ready()} has anything to hand out. */
    public boolean hasReady() {
        return !outbox.isEmpty() || replication.hasAppendsDue() || reads.hasUnsent() || reads.hasReleased()
                || log.stable() < log.lastIndex() || log.applied() < applyLimit() || !currentHardState().equals(
                persistedHardState) || !receivedChunks.isEmpty() || snapshotToInstall != null;
    }

    /** Collects the work to do; must be followed by {@link #advance} with the same value. */
    public Ready ready() {
        replication.sendDueAppends();
        if (role == Role.LEADER && reads.hasUnsent()) {
            broadcastHeartbeat();
        }
        HardState hardState = currentHardState();
        Ready ready = new Ready(role, leader, term, hardState.equals(persistedHardState) ? null : hardState,
                log.unstable(), log.toApply(applyLimit()), List.copyOf(outbox), reads.takeReleased(),
                List.copyOf(receivedChunks), snapshotToInstall);
        outbox.clear();
        receivedChunks.clear();
        snapshotToInstall = null;
        return ready;
    }

    /** The host did what {@code ready} asked. */
    public void advance(Ready ready) {
        if (!ready.entries().isEmpty()) {
            Entry last = ready.entries().get(ready.entries().size() - 1);
            log.stableTo(last.index(), last.term());
        }
        if (ready.hardState() != null) {
            persistedHardState = ready.hardState();
        }
        if (!ready.committed().isEmpty()) {
            log.appliedTo(ready.committed().get(ready.committed().size() - 1).index());
        }
        if (role == Role.LEADER) {
            replication.maybeCommit();
        }
        applyCommittedMembership();
    }

    private HardState currentHardState() {
        long persistedVote = options.has(InjectedBug.FORGET_VOTE) ? NONE : vote;
        return new HardState(term, persistedVote, log.committed());
    }

    private long applyLimit() {
        return options.has(InjectedBug.APPLY_BEFORE_COMMIT) ? log.lastIndex() : log.committed();
    }

    // ---- elections ----------------------------------------------------------------------

    private boolean promotable() {
        return membership.isVoter(id);
    }

    /**
     * Whether this replica believes a leader is alive: it heard from one within an election
     * timeout, or it restarted less than an election timeout ago (it may have answered a
     * leader just before it crashed; that leader's lease counts on this replica's silence).
     */
    private boolean inLease() {
        return options.checkQuorum()
                && ((leader != NONE && electionElapsed < options.electionTicks()) || ticks < options.electionTicks());
    }

    private void campaign(boolean preVote, boolean transfer) {
        long campaignTerm;
        if (preVote) {
            becomePreCandidate();
            campaignTerm = term + 1;
        } else {
            becomeCandidate();
            campaignTerm = term;
        }
        votes.put(id, true);
        if (tallyVotes()) {
            return;
        }
        for (long voter : membership.voters()) {
            if (voter != id) {
                send(new VoteRequest(id, voter, campaignTerm, log.lastIndex(), log.lastTerm(), preVote, transfer));
            }
        }
    }

    private void handleVoteRequest(VoteRequest v) {
        boolean canVote = vote == v.from() || (vote == NONE && leader == NONE) || (v.preVote() && v.term() > term);
        if (!v.preVote() && options.has(InjectedBug.GRANT_TWO_VOTES_PER_TERM)) {
            canVote = true;
        }
        if (canVote && log.isUpToDate(v.lastIndex(), v.lastTerm())) {
            send(new VoteResponse(id, v.from(), v.term(), v.preVote(), true));
            if (!v.preVote()) {
                electionElapsed = 0;
                vote = v.from();
            }
        } else {
            send(new VoteResponse(id, v.from(), term, v.preVote(), false));
        }
    }

    private void stepCandidate(Message m) {
        if (m instanceof AppendRequest a) {
            becomeFollower(term, a.from());
            handleAppend(a);
        } else if (m instanceof Heartbeat h) {
            becomeFollower(term, h.from());
            handleHeartbeat(h);
        } else if (m instanceof SnapshotChunk c) {
            becomeFollower(term, c.from());
            handleSnapshotChunk(c);
        } else if (m instanceof VoteResponse r && r.preVote() == (role == Role.PRE_CANDIDATE)
                && membership.isVoter(r.from())) {
            votes.put(r.from(), r.granted());
            tallyVotes();
        }
    }

    /** Acts on the votes so far; true if the campaign is decided. */
    private boolean tallyVotes() {
        int granted = 0;
        int rejected = 0;
        for (long voter : membership.voters()) {
            Boolean v = votes.get(voter);
            if (v != null) {
                if (v) {
                    granted++;
                } else {
                    rejected++;
                }
            }
        }
        if (granted >= membership.quorum()) {
            if (role == Role.PRE_CANDIDATE) {
                campaign(false, false);
            } else {
                becomeLeader();
            }
            return true;
        }
        if (membership.voters().size() - rejected < membership.quorum()) {
            becomeFollower(term, NONE);
            return true;
        }
        return false;
    }

    private void stepFollower(Message m) {
        if (m instanceof AppendRequest a) {
            electionElapsed = 0;
            leader = a.from();
            handleAppend(a);
        } else if (m instanceof Heartbeat h) {
            electionElapsed = 0;
            leader = h.from();
            handleHeartbeat(h);
        } else if (m instanceof SnapshotChunk c) {
            electionElapsed = 0;
            leader = c.from();
            handleSnapshotChunk(c);
        } else if (m instanceof TimeoutNow && promotable()) {
            campaign(false, true);
        }
    }

    private void becomeFollower(long newTerm, long newLeader) {
        reset(newTerm);
        role = Role.FOLLOWER;
        leader = newLeader;
    }

    private void becomePreCandidate() {
        votes.clear();
        role = Role.PRE_CANDIDATE;
        leader = NONE;
        randomizeElectionTimeout();
    }

    private void becomeCandidate() {
        reset(term + 1);
        vote = id;
        role = Role.CANDIDATE;
    }

    private void becomeLeader() {
        reset(term);
        role = Role.LEADER;
        leader = id;
        replication.becomeLeader(membership);
        pendingMembershipIndex = log.lastIndex() + 1;
        appendAsLeader(List.of(new Entry(term, log.lastIndex() + 1, Entry.Kind.NOOP, null)));
    }

    private void reset(long newTerm) {
        if (newTerm != term) {
            term = newTerm;
            vote = NONE;
        }
        leader = NONE;
        electionElapsed = 0;
        heartbeatElapsed = 0;
        randomizeElectionTimeout();
        votes.clear();
        transferee = NONE;
        reads.reset();
    }

    private void randomizeElectionTimeout() {
        randomizedElectionTimeout = options.electionTicks() + random.nextInt(options.electionTicks());
    }

    // ---- follower side of replication ----------------------------------------------------

    private void handleAppend(AppendRequest a) {
        if (a.prevIndex() < log.committed()) {
            send(new AppendResponse(id, a.from(), term, true, log.committed(), 0, 0));
            return;
        }
        long lastNew = log.maybeAppend(a.prevIndex(), a.prevTerm(), a.commit(), a.entries());
        if (lastNew >= 0) {
            send(new AppendResponse(id, a.from(), term, true, lastNew, 0, 0));
        } else {
            long hint = log.lastIndexWithTermAtMost(a.prevIndex(), a.prevTerm());
            send(new AppendResponse(id, a.from(), term, false, a.prevIndex(), hint, log.term(hint)));
        }
    }

    private void handleHeartbeat(Heartbeat h) {
        log.commitTo(h.commit());
        send(new HeartbeatResponse(id, h.from(), term, h.round()));
    }

    private void handleSnapshotChunk(SnapshotChunk c) {
        SnapshotMeta meta = c.meta();
        if (meta.index() <= log.committed()) {
            receivingSnapshot = null;
            send(new SnapshotResponse(id, c.from(), term, log.committed(), 0, true));
            return;
        }
        if (c.offset() == 0) {
            receivingSnapshot = meta;
            receivingOffset = 0;
        }
        if (!meta.equals(receivingSnapshot) || c.offset() != receivingOffset) {
            long expected = meta.equals(receivingSnapshot) ? receivingOffset : 0;
            send(new SnapshotResponse(id, c.from(), term, meta.index(), expected, false));
            return;
        }
        receivedChunks.add(new ReceivedSnapshotChunk(meta, c.offset(), c.data()));
        receivingOffset += c.data().length;
        if (!c.last()) {
            send(new SnapshotResponse(id, c.from(), term, meta.index(), receivingOffset, false));
            return;
        }
        receivingSnapshot = null;
        if (log.matchTerm(meta.index(), meta.term())) {
            log.commitTo(meta.index()); // the log already has it; nothing to install
        } else {
            log.restore(meta);
            membership = meta.membership();
            membershipByIndex.clear();
            membershipByIndex.put(meta.index(), membership);
            membershipAppliedThrough = meta.index();
            snapshotToInstall = meta;
        }
        send(new SnapshotResponse(id, c.from(), term, meta.index(), 0, true));
    }

    // ---- shared leader helpers (used by Replication) -------------------------------------

    private void appendAsLeader(List<Entry> entries) {
        log.append(entries);
        replication.appendedLocally();
    }

    private void requireLeaderAcceptingProposals() {
        if (role != Role.LEADER) {
            throw notLeader();
        }
        if (transferee != NONE) {
            throw new ProposalRejectedException(ProposalRejectedException.Reason.TRANSFERRING_LEADERSHIP, transferee,
                    "leadership is being transferred to " + transferee);
        }
    }

    private ProposalRejectedException notLeader() {
        return new ProposalRejectedException(ProposalRejectedException.Reason.NOT_LEADER, leader,
                "replica " + id + " is not the leader" + (leader == NONE ? "" : "; the leader is " + leader));
    }

    void send(Message m) {
        outbox.add(m);
    }

    void broadcastHeartbeat() {
        long round = reads.startRound(ticks);
        reads.assignUnsentTo(round);
        replication.sendHeartbeats(round);
    }

    /** The leader's commit index moved: reads waiting for a commit in this term may start. */
    void committedAsLeader() {
        if (log.term(log.committed()) == term) {
            for (LinearizableReads.Pending p : reads.takeWaitingForTermCommit()) {
                read(p.requestId(), p.mode());
            }
        }
    }

    void quorumAnsweredRound(long round) {
        reads.quorumReached(round);
    }

    boolean isTransferringTo(long node) {
        return transferee == node;
    }

    /** Applies membership changes as they commit, on leaders and followers alike. */
    private void applyCommittedMembership() {
        long upTo = log.committed();
        while (membershipAppliedThrough < upTo) {
            long index = ++membershipAppliedThrough;
            if (index <= log.snapshotIndex()) {
                continue;
            }
            Entry entry = log.entry(index);
            if (entry.kind() != Entry.Kind.MEMBERSHIP) {
                continue;
            }
            membership = membership.apply(MembershipChange.decode(entry.data()));
            membershipByIndex.put(index, membership);
            if (role == Role.LEADER) {
                if (!membership.isVoter(id)) {
                    becomeFollower(term, NONE);
                } else {
                    if (transferee != NONE && !membership.isVoter(transferee)) {
                        transferee = NONE;
                    }
                    replication.membershipChanged(membership);
                }
            }
        }
    }

    // ---- what the host and tests may look at ---------------------------------------------

    public long id() {
        return id;
    }

    public long term() {
        return term;
    }

    public long vote() {
        return vote;
    }

    public long leader() {
        return leader;
    }

    public Role role() {
        return role;
    }

    public Membership membership() {
        return membership;
    }

    public long commitIndex() {
        return log.committed();
    }

    public long appliedIndex() {
        return log.applied();
    }

    public long lastIndex() {
        return log.lastIndex();
    }

    /** On a leader, how far each other member's log is known to match; empty otherwise. */
    public Map<Long, Long> matchIndexes() {
        return role == Role.LEADER ? replication.matchIndexes() : Map.of();
    }

    public long firstIndex() {
        return log.firstIndex();
    }

    /** The term of the entry at {@code index}, or -1 if it is compacted away or absent. */
    public long termAt(long index) {
        return log.term(index);
    }

    /** The entry at {@code index}; it must be between {@link #firstIndex} and {@link #lastIndex}. */
    public Entry entryAt(long index) {
        return log.entry(index);
    }

    @Override
    public String toString() {
        return "replica " + id + " " + role + " term=" + term + " leader=" + leader + " last=" + log.lastIndex()
                + " commit=" + log.committed() + " applied=" + log.applied() + " " + membership;
    }
}
