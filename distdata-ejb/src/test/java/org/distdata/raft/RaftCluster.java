package org.distdata.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import java.util.function.Predicate;

import org.distdata.replication.MemorySnapshotStaging;
import org.distdata.replication.PeerTransport;
import org.distdata.replication.RaftStorage;
import org.distdata.replication.ReadyLoop;
import org.distdata.replication.StateMachine;

/**
 * A cluster of real {@link RaftReplica}s for scenario tests, in the spirit of Ratis's
 * MiniRaftCluster: messages wait in one queue until a test delivers them, links can be
 * cut, nodes crash (keeping only what they persisted) and restart. Every Ready is handled
 * by the production {@link ReadyLoop} (one group per node, a disk that syncs at once), and
 * the cluster checks as it goes that no
 * two replicas disagree on a committed entry and that every new leader holds every entry
 * committed before it.
 */
final class RaftCluster {

    /** What a node has persisted. */
    private static final class Disk {
        HardState hardState = HardState.EMPTY;
        SnapshotMeta snapshot;
        byte[] snapshotBytes;
        final TreeMap<Long, Entry> entries = new TreeMap<>();
    }

    private final LongFunction<RaftOptions> options;
    private final Membership bootstrap;
    private final Set<Long> nodeIds;
    /** The group every node of the cluster replicates. */
    static final long GROUP = 1;

    private final Map<Long, ReadyLoop> loops = new TreeMap<>();
    private final Map<Long, Disk> disks = new TreeMap<>();
    private final Map<Long, List<String>> applied = new TreeMap<>();
    private final Map<Long, byte[]> lastSnapshot = new TreeMap<>();
    private final Map<Long, List<ReadState>> reads = new TreeMap<>();
    private final Deque<Message> network = new ArrayDeque<>();
    private final List<Message> sentLog = new ArrayList<>();
    private final Set<Long> down = new HashSet<>();
    private final Set<List<Long>> cut = new HashSet<>();
    private final Map<Long, Entry> committed = new TreeMap<>();
    private final Map<Long, Long> leaderOfTerm = new TreeMap<>();

    private RaftCluster(Set<Long> nodeIds, Membership bootstrap, LongFunction<RaftOptions> options) {
        this.nodeIds = nodeIds;
        this.bootstrap = bootstrap;
        this.options = options;
        for (long id : nodeIds) {
            disks.put(id, new Disk());
            start(id);
        }
    }

    /** Nodes 1..{@code nodes}; the first {@code voters} of them are voters, the rest outside the group. */
    static RaftCluster of(int nodes, int voters, LongFunction<RaftOptions> options) {
        Set<Long> ids = new java.util.TreeSet<>();
        Set<Long> voterIds = new java.util.TreeSet<>();
        for (long id = 1; id <= nodes; id++) {
            ids.add(id);
            if (id <= voters) {
                voterIds.add(id);
            }
        }
        return new RaftCluster(ids, new Membership(voterIds, Set.of()), options);
    }

    static RaftCluster of(int voters) {
        return of(voters, voters, RaftOptions::defaults);
    }

    RaftReplica node(long id) {
        ReadyLoop loop = loops.get(id);
        return loop == null ? null : loop.engine().group(GROUP);
    }

    // ---- time and messages ---------------------------------------------------------------

    /** Ticks every live node {@code times} times, delivering all messages after each tick. */
    void tickAll(int times) {
        for (int i = 0; i < times; i++) {
            for (long id : nodeIds) {
                if (!down.contains(id)) {
                    node(id).tick();
                }
            }
            deliverAll();
        }
    }

    void tick(long id, int times) {
        for (int i = 0; i < times; i++) {
            node(id).tick();
        }
        processAll();
    }

    /** Delivers until no message is left; returns how many were delivered. */
    int deliverAll() {
        return deliverWhile(() -> true);
    }

    /** Delivers one message at a time while {@code condition} holds before each. */
    int deliverWhile(BooleanSupplier condition) {
        int delivered = 0;
        processAll();
        while (!network.isEmpty() && condition.getAsBoolean()) {
            Message m = network.pollFirst();
            if (m == null) {
                break; // the condition itself dropped what was queued
            }
            if (!down.contains(m.to()) && !cut.contains(List.of(m.from(), m.to()))) {
                loops.get(m.to()).engine().step(new PeerMessage.Single(GROUP, m));
                delivered++;
            }
            processAll();
            if (delivered > 1_000_000) {
                throw new IllegalStateException("messages never stop");
            }
        }
        return delivered;
    }

    /** Drops every queued message that matches. */
    void drop(Predicate<Message> which) {
        network.removeIf(which);
    }

    List<Message> queued() {
        return List.copyOf(network);
    }

    /** Every message sent since the last call. */
    List<Message> takeSent() {
        List<Message> out = List.copyOf(sentLog);
        sentLog.clear();
        return out;
    }

    // ---- faults ----------------------------------------------------------------------------

    void isolate(long id) {
        for (long other : nodeIds) {
            if (other != id) {
                cut.add(List.of(id, other));
                cut.add(List.of(other, id));
            }
        }
    }

    void cut(long from, long to) {
        cut.add(List.of(from, to));
    }

    void heal() {
        cut.clear();
    }

    void crash(long id) {
        down.add(id);
        loops.remove(id).stop();
    }

    void restart(long id) {
        down.remove(id);
        start(id);
    }

    private void start(long id) {
        Disk disk = disks.get(id);
        applied.put(id, disk.snapshotBytes == null ? new ArrayList<>() : decode(disk.snapshotBytes));
        ReadyLoop loop = new ReadyLoop(new RaftEngine(id), new DiskStorage(id), new QueueTransport(),
                new AppliedCommands(id), new MemorySnapshotStaging(), new Checks(id), 0);
        loops.put(id, loop);
        loop.addGroup(GROUP, appliedIndex -> new RaftReplica(options.apply(id), bootstrap, disk.hardState,
                disk.snapshot, disk.snapshotBytes == null ? null : SnapshotSource.of(disk.snapshotBytes),
                new ArrayList<>(disk.entries.values()), appliedIndex));
    }

    // ---- client side ---------------------------------------------------------------------------

    /**
     * Makes {@code id} campaign at once (as a leader's TimeoutNow would) and delivers
     * everything; if it loses (its term was taken), it tries again in later terms.
     */
    void elect(long id) {
        RaftReplica r = node(id);
        for (int attempt = 0; attempt < 10 && r.role() != Role.LEADER; attempt++) {
            if (r.role() == Role.FOLLOWER) {
                r.step(new Message.TimeoutNow(id, id, r.term()));
            } else {
                tick(id, 2 * RaftOptions.defaults(id).electionTicks());
            }
            deliverAll();
        }
        if (r.role() != Role.LEADER) {
            throw new AssertionError("n" + id + " did not win: " + r + "; cluster: " + loops.keySet().stream().map(this::node).toList()
                    + " down " + down + " cut " + cut);
        }
    }

    long propose(long id, String command) {
        long index = node(id).propose(command.getBytes(StandardCharsets.UTF_8));
        processAll();
        return index;
    }

    List<String> applied(long id) {
        return applied.get(id);
    }

    List<ReadState> reads(long id) {
        return reads.computeIfAbsent(id, x -> new ArrayList<>());
    }

    /** The local state machine (the applied commands) as a snapshot, and compacts the log. */
    void snapshot(long id) {
        loops.get(id).snapshotNow(GROUP);
    }

    Long leader() {
        return loops.keySet().stream().map(this::node).filter(r -> r.role() == Role.LEADER).map(RaftReplica::id)
                .max((a, b) -> Long.compare(node(a).term(), node(b).term())).orElse(null);
    }

    // ---- the host loop -------------------------------------------------------------------------

    void processAll() {
        for (ReadyLoop loop : List.copyOf(loops.values())) {
            loop.process();
        }
    }

    /** A disk that is durable at once: scenarios cut power between Readies, never inside one. */
    private final class DiskStorage implements RaftStorage {
        private final long id;

        DiskStorage(long id) {
            this.id = id;
        }

        @Override
        public boolean write(long group, Ready ready) {
            Disk disk = disks.get(id);
            if (!ready.entries().isEmpty()) {
                disk.entries.tailMap(ready.entries().get(0).index(), true).clear();
                ready.entries().forEach(e -> disk.entries.put(e.index(), e));
            }
            if (ready.hardState() != null) {
                disk.hardState = ready.hardState();
            }
            return ready.needsSync();
        }

        @Override
        public void flush(boolean sync, Runnable whenDone) {
            whenDone.run();
        }

        @Override
        public void snapshotTaken(long group, SnapshotMeta meta) {
            Disk disk = disks.get(id);
            disk.snapshot = meta;
            disk.snapshotBytes = lastSnapshot.remove(id);
            disk.entries.headMap(meta.index(), true).clear();
        }
    }

    /** Every message waits in the cluster's one queue until the test delivers it. */
    private final class QueueTransport implements PeerTransport {
        @Override
        public void send(PeerMessage message) {
            List<Message> unbundled = message instanceof PeerMessage.Single single ? List.of(single.message())
                    : ((PeerMessage.Heartbeats) message).beats().stream().map(GroupMessage::message).toList();
            network.addAll(unbundled);
            sentLog.addAll(unbundled);
        }
    }

    /** The state machine: the list of applied commands, checked against every other node's. */
    private final class AppliedCommands implements StateMachine {
        private final long id;
        private long appliedIndex;

        AppliedCommands(long id) {
            this.id = id;
            Disk disk = disks.get(id);
            appliedIndex = disk.snapshot == null ? 0 : disk.snapshot.index();
        }

        @Override
        public long appliedIndex(long group) {
            return appliedIndex;
        }

        @Override
        public void apply(long group, List<Entry> entries) {
            for (Entry e : entries) {
                checkCommitted(id, e);
                if (e.kind() == Entry.Kind.COMMAND) {
                    applied.get(id).add(new String(e.data(), StandardCharsets.UTF_8));
                }
                appliedIndex = e.index();
            }
        }

        @Override
        public Snapshot snapshot(long group) {
            byte[] bytes = encode(applied.get(id));
            lastSnapshot.put(id, bytes);
            return new Snapshot(appliedIndex, SnapshotSource.of(bytes));
        }

        @Override
        public void installSnapshot(long group, SnapshotMeta meta, SnapshotSource data) {
            byte[] bytes = data.read(0, (int) data.size());
            Disk disk = disks.get(id);
            disk.snapshot = meta;
            disk.snapshotBytes = bytes;
            disk.entries.clear();
            applied.put(id, decode(bytes));
            appliedIndex = meta.index();
        }
    }

    /** The cluster's safety checks and the reads it records. */
    private final class Checks implements ReadyLoop.Listener {
        private final long id;

        Checks(long id) {
            this.id = id;
        }

        @Override
        public void readyTaken(RaftEngine.EngineReady ready) {
            Ready r = ready.groups().get(GROUP);
            if (r != null) {
                checkLeader(id, r);
            }
        }

        @Override
        public void readStates(long group, List<ReadState> states) {
            reads(id).addAll(states);
        }

        @Override
        public void advanced(RaftEngine.EngineReady ready) {
            RaftReplica r = node(id);
            for (long i = Math.max(r.firstIndex(), 1); i <= r.commitIndex(); i++) {
                checkCommitted(id, r.entryAt(i));
            }
        }
    }

    private void checkLeader(long id, Ready ready) {
        if (ready.role() != Role.LEADER) {
            return;
        }
        Long other = leaderOfTerm.putIfAbsent(ready.term(), id);
        if (other != null && other != id) {
            throw new AssertionError("election safety: n" + other + " and n" + id + " both lead term " + ready.term());
        }
        if (other == null) {
            RaftReplica leader = node(id);
            for (Entry e : committed.values()) {
                if (e.index() >= leader.firstIndex() && leader.termAt(e.index()) != e.term()) {
                    throw new AssertionError("leader completeness: n" + id + " leads term " + ready.term()
                            + " without committed entry " + e);
                }
            }
        }
    }

    private void checkCommitted(long id, Entry e) {
        Entry previous = committed.putIfAbsent(e.index(), e);
        if (previous != null && !previous.equals(e)) {
            throw new AssertionError("state-machine safety: n" + id + " has " + e + " committed where " + previous
                    + " was committed");
        }
    }

    private static byte[] encode(List<String> commands) {
        return String.join("\n", commands).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> decode(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(s.split("\n")));
    }
}
