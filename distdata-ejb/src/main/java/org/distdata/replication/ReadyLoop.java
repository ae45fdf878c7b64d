package org.distdata.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

import org.distdata.raft.Entry;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.RaftEngine;
import org.distdata.raft.RaftReplica;
import org.distdata.raft.ReadState;
import org.distdata.raft.Ready;
import org.distdata.raft.ReceivedSnapshotChunk;
import org.distdata.raft.Role;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;

/**
 * The one place where a node carries out what its {@link RaftEngine}'s Readies ask, in the
 * order {@link Ready} prescribes: install received snapshots, persist, send once durable,
 * hand committed entries to the {@link StateMachine} exactly once, report read states,
 * advance; then report role changes and take periodic snapshots. The production host
 * ({@link RaftHost}) and the tests' simulation and scenario cluster all run this class, with
 * their own {@link RaftStorage}, {@link PeerTransport} and {@link SnapshotStaging}.
 *
 * <p>It has no thread and reads no clock: the caller steps messages, ticks and proposes on
 * one thread and calls {@link #process()}; an asynchronous sync continues the Ready when the
 * storage calls back on that same thread. While a Ready waits for its sync, the engine keeps
 * taking input, and the next Ready covers it.
 */
public final class ReadyLoop {

    /** What a host hears from the loop besides what the {@link StateMachine} is told. */
    public interface Listener {
        /** A Ready was taken from the engine, before anything of it is carried out. */
        default void readyTaken(RaftEngine.EngineReady ready) {
        }

        /** The state machine of {@code group} was replaced by a snapshot from the leader. */
        default void snapshotInstalled(long group, SnapshotMeta meta) {
        }

        /** {@code entries} were handed to {@link StateMachine#apply}. */
        default void applied(long group, List<Entry> entries) {
        }

        /** Linearizable reads are confirmed: each may be served once its index is applied. */
        default void readStates(long group, List<ReadState> reads) {
        }

        /** This node's view of {@code group} changed (also told to the state machine). */
        default void roleChanged(long group, Role role, long term, long leader) {
        }

        /** The group compacted its log to a snapshot of its state machine. */
        default void snapshotTaken(long group, SnapshotMeta meta) {
        }

        /** The engine advanced past a Ready. */
        default void advanced(RaftEngine.EngineReady ready) {
        }
    }

    /** What the loop tracks per group beyond the replica. */
    private static final class GroupState {
        long handedOff;
        long snapshotAskedAt;
        Role role;
        long term = -1;
        long leader = -1;
    }

    private final RaftEngine engine;
    private final RaftStorage storage;
    private final PeerTransport transport;
    private final StateMachine stateMachine;
    private final SnapshotStaging staging;
    private final Listener listener;
    private final long snapshotEvery;
    private final Map<Long, GroupState> groups = new TreeMap<>();
    private boolean processing;
    private boolean awaitingSync;
    private boolean stopped;

    /**
     * @param snapshotEvery ask the state machine for a snapshot each time a group has handed
     *                      this many more entries to it; 0 never
     */
    public ReadyLoop(RaftEngine engine, RaftStorage storage, PeerTransport transport, StateMachine stateMachine,
                     SnapshotStaging staging, Listener listener, long snapshotEvery) {
        this.engine = engine;
        this.storage = storage;
        this.transport = transport;
        this.stateMachine = stateMachine;
        this.staging = staging;
        this.listener = listener;
        this.snapshotEvery = snapshotEvery;
    }

    public RaftEngine engine() {
        return engine;
    }

    /**
     * Starts hosting {@code group}: reads the state machine's durable applied index and builds
     * the replica from it, so committed entries at or below it are never handed over again.
     */
    public void addGroup(long group, LongFunction<RaftReplica> replicaFromAppliedIndex) {
        if (groups.containsKey(group)) {
            throw new IllegalArgumentException("group " + group + " is already hosted here");
        }
        long applied = stateMachine.appliedIndex(group);
        RaftReplica replica = replicaFromAppliedIndex.apply(applied);
        engine.addGroup(group, replica);
        GroupState state = new GroupState();
        state.handedOff = Math.max(applied, replica.appliedIndex());
        state.snapshotAskedAt = state.handedOff;
        groups.put(group, state);
        noteRole(group);
    }

    /** Stops hosting {@code group}; what it persisted stays where it is. */
    public void removeGroup(long group) {
        engine.removeGroup(group);
        groups.remove(group);
        staging.discard(group);
    }

    /** The highest index of {@code group} handed to the state machine, or -1 if not hosted. */
    public long handedOff(long group) {
        GroupState state = groups.get(group);
        return state == null ? -1 : state.handedOff;
    }

    /** Delivers a peer's message and carries out what follows. */
    public void step(PeerMessage message) {
        engine.step(message);
        process();
    }

    /** One tick of every group's clock, and what follows from it. */
    public void tick() {
        engine.tick();
        for (long group : groups.keySet()) {
            noteRole(group); // a leader that lost its quorum steps down without a Ready to say so
            provideSnapshotDataIfNeeded(group);
        }
        process();
    }

    /** No more work after this (the node stops or, in the simulation, crashed mid-Ready). */
    public void stop() {
        stopped = true;
    }

    /** Carries out Readies until none is left or one waits for its sync. */
    public void process() {
        if (processing) {
            return; // called back from within a synchronous flush: the loop below goes on
        }
        processing = true;
        try {
            while (!stopped && !awaitingSync && engine.hasReady()) {
                RaftEngine.EngineReady ready = engine.ready();
                listener.readyTaken(ready);
                boolean sync = false;
                for (Map.Entry<Long, Ready> g : ready.groups().entrySet()) {
                    installSnapshot(g.getKey(), g.getValue());
                    sync |= storage.write(g.getKey(), g.getValue());
                }
                awaitingSync = true;
                storage.flush(sync, () -> finish(ready));
            }
        } finally {
            processing = false;
        }
    }

    /** Ready step 1: stage chunks; install a complete snapshot before its mark is persisted. */
    private void installSnapshot(long group, Ready ready) {
        for (ReceivedSnapshotChunk chunk : ready.snapshotChunks()) {
            staging.write(group, chunk);
        }
        SnapshotMeta meta = ready.installSnapshot();
        GroupState state = groups.get(group);
        if (meta == null || state == null) {
            return;
        }
        SnapshotSource data = staging.complete(group, meta);
        // Durable when it returns: the mark written next says the log before it is gone.
        stateMachine.installSnapshot(group, meta, data);
        engine.group(group).snapshotInstalled(meta, data);
        state.handedOff = meta.index();
        state.snapshotAskedAt = meta.index();
        listener.snapshotInstalled(group, meta);
    }

    /** Ready steps 3 to 5, once what step 2 persisted is durable. */
    private void finish(RaftEngine.EngineReady ready) {
        if (stopped) {
            return;
        }
        transport.sendAll(ready.messages());
        if (stopped) {
            return; // the simulation crashed the node while it was sending
        }
        for (Map.Entry<Long, Ready> g : ready.groups().entrySet()) {
            apply(g.getKey(), g.getValue());
        }
        engine.advance(ready);
        for (long group : ready.groups().keySet()) {
            if (groups.containsKey(group)) {
                noteRole(group);
                maybeSnapshot(group);
            }
        }
        listener.advanced(ready);
        awaitingSync = false;
        process();
    }

    private void apply(long group, Ready ready) {
        GroupState state = groups.get(group);
        if (state == null) {
            return; // removed while its Ready was being synced
        }
        List<Entry> fresh = new ArrayList<>(ready.committed().size());
        for (Entry entry : ready.committed()) {
            // at or below: applied before a restart, or covered by a snapshot installed since
            if (entry.index() > state.handedOff) {
                fresh.add(entry);
            }
        }
        if (!fresh.isEmpty()) {
            stateMachine.apply(group, fresh);
            state.handedOff = fresh.get(fresh.size() - 1).index();
            listener.applied(group, fresh);
        }
        if (!ready.readStates().isEmpty()) {
            listener.readStates(group, ready.readStates());
        }
    }

    private void noteRole(long group) {
        RaftReplica replica = engine.group(group);
        GroupState state = groups.get(group);
        if (replica.role() != state.role || replica.term() != state.term || replica.leader() != state.leader) {
            state.role = replica.role();
            state.term = replica.term();
            state.leader = replica.leader();
            stateMachine.roleChanged(group, state.role, state.term, state.leader);
            listener.roleChanged(group, state.role, state.term, state.leader);
        }
    }

    private void maybeSnapshot(long group) {
        GroupState state = groups.get(group);
        if (snapshotEvery > 0 && state.handedOff - state.snapshotAskedAt >= snapshotEvery) {
            snapshotNow(group);
        }
    }

    /**
     * Asks the state machine for a snapshot of {@code group} and, if it has one newer than the
     * replica's, compacts the log to it and tells the storage. Returns what it covers, or null.
     */
    public SnapshotMeta snapshotNow(long group) {
        GroupState state = groups.get(group);
        state.snapshotAskedAt = state.handedOff;
        StateMachine.Snapshot snapshot = stateMachine.snapshot(group);
        return snapshot == null ? null : compactTo(group, snapshot);
    }

    private SnapshotMeta compactTo(long group, StateMachine.Snapshot snapshot) {
        RaftReplica replica = engine.group(group);
        if (snapshot.index() > replica.appliedIndex()) {
            return null; // a state machine ahead of a replica that restarted behind it: later
        }
        SnapshotMeta meta = replica.compact(snapshot.index(), snapshot.data());
        if (meta != null) {
            storage.snapshotTaken(group, meta);
            staging.releaseCompleted(group); // a snapshot received earlier is no longer what the replica sends
            listener.snapshotTaken(group, meta);
        }
        return meta;
    }

    /** A leader restarted from a compacted log fetches the snapshot's bytes only when a follower needs them. */
    private void provideSnapshotDataIfNeeded(long group) {
        RaftReplica replica = engine.group(group);
        if (!replica.snapshotDataNeeded()) {
            return;
        }
        StateMachine.Snapshot snapshot = stateMachine.snapshot(group);
        if (snapshot == null) {
            return; // asked again at the next tick
        }
        if (snapshot.index() == replica.firstIndex() - 1) {
            replica.provideSnapshotData(snapshot.data());
        } else {
            compactTo(group, snapshot);
        }
    }
}
