package org.distdata.raft;

import java.io.ByteArrayOutputStream;
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

/**
 * A cluster of real {@link RaftReplica}s for scenario tests, in the spirit of Ratis's
 * MiniRaftCluster: messages wait in one queue until a test delivers them, links can be
 * cut, nodes crash (keeping only what they persisted) and restart. Every Ready is handled
 * the way a production host must handle it, and the cluster checks as it goes that no
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
    private final Map<Long, RaftReplica> replicas = new TreeMap<>();
    private final Map<Long, Disk> disks = new TreeMap<>();
    private final Map<Long, List<String>> applied = new TreeMap<>();
    private final Map<Long, ByteArrayOutputStream> staging = new TreeMap<>();
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
        return replicas.get(id);
    }

    // ---- time and messages ---------------------------------------------------------------

    /** Ticks every live node {@code times} times, delivering all messages after each tick. */
    void tickAll(int times) {
        for (int i = 0; i < times; i++) {
            for (long id : nodeIds) {
                if (!down.contains(id)) {
                    replicas.get(id).tick();
                }
            }
            deliverAll();
        }
    }

    void tick(long id, int times) {
        for (int i = 0; i < times; i++) {
            replicas.get(id).tick();
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
                replicas.get(m.to()).step(m);
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
        replicas.remove(id);
        staging.remove(id);
    }

    void restart(long id) {
        down.remove(id);
        start(id);
    }

    private void start(long id) {
        Disk disk = disks.get(id);
        long snapshotIndex = disk.snapshot == null ? 0 : disk.snapshot.index();
        replicas.put(id, new RaftReplica(options.apply(id), bootstrap, disk.hardState, disk.snapshot,
                disk.snapshotBytes == null ? null : SnapshotSource.of(disk.snapshotBytes),
                new ArrayList<>(disk.entries.values()), snapshotIndex));
        applied.put(id, disk.snapshotBytes == null ? new ArrayList<>() : decode(disk.snapshotBytes));
    }

    // ---- client side ---------------------------------------------------------------------------

    /**
     * Makes {@code id} campaign at once (as a leader's TimeoutNow would) and delivers
     * everything; if it loses (its term was taken), it tries again in later terms.
     */
    void elect(long id) {
        RaftReplica r = replicas.get(id);
        for (int attempt = 0; attempt < 10 && r.role() != Role.LEADER; attempt++) {
            if (r.role() == Role.FOLLOWER) {
                r.step(new Message.TimeoutNow(id, id, r.term()));
            } else {
                tick(id, 2 * RaftOptions.defaults(id).electionTicks());
            }
            deliverAll();
        }
        if (r.role() != Role.LEADER) {
            throw new AssertionError("n" + id + " did not win: " + r + "; cluster: " + replicas.values()
                    + " down " + down + " cut " + cut);
        }
    }

    long propose(long id, String command) {
        long index = replicas.get(id).propose(command.getBytes(StandardCharsets.UTF_8));
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
        RaftReplica r = replicas.get(id);
        byte[] bytes = encode(applied.get(id));
        SnapshotMeta meta = r.compact(r.appliedIndex(), SnapshotSource.of(bytes));
        if (meta != null) {
            Disk disk = disks.get(id);
            disk.snapshot = meta;
            disk.snapshotBytes = bytes;
            disk.entries.headMap(meta.index(), true).clear();
        }
    }

    Long leader() {
        return replicas.values().stream().filter(r -> r.role() == Role.LEADER).map(RaftReplica::id)
                .max((a, b) -> Long.compare(replicas.get(a).term(), replicas.get(b).term())).orElse(null);
    }

    // ---- the host loop -------------------------------------------------------------------------

    void processAll() {
        boolean again = true;
        while (again) {
            again = false;
            for (long id : nodeIds) {
                RaftReplica r = replicas.get(id);
                if (r != null && r.hasReady()) {
                    handle(id, r, r.ready());
                    again = true;
                }
            }
        }
    }

    private void handle(long id, RaftReplica r, Ready ready) {
        checkLeader(id, ready);
        Disk disk = disks.get(id);
        for (ReceivedSnapshotChunk chunk : ready.snapshotChunks()) {
            if (chunk.offset() == 0) {
                staging.put(id, new ByteArrayOutputStream());
            }
            staging.get(id).writeBytes(chunk.data());
        }
        if (ready.installSnapshot() != null) {
            byte[] bytes = staging.remove(id).toByteArray();
            disk.snapshot = ready.installSnapshot();
            disk.snapshotBytes = bytes;
            disk.entries.clear();
            applied.put(id, decode(bytes));
            r.snapshotInstalled(ready.installSnapshot(), SnapshotSource.of(bytes));
        }
        if (!ready.entries().isEmpty()) {
            disk.entries.tailMap(ready.entries().get(0).index(), true).clear();
            ready.entries().forEach(e -> disk.entries.put(e.index(), e));
        }
        if (ready.hardState() != null) {
            disk.hardState = ready.hardState();
        }
        network.addAll(ready.messages());
        sentLog.addAll(ready.messages());
        for (Entry e : ready.committed()) {
            checkCommitted(id, e);
            if (e.kind() == Entry.Kind.COMMAND) {
                applied.get(id).add(new String(e.data(), StandardCharsets.UTF_8));
            }
        }
        reads(id).addAll(ready.readStates());
        r.advance(ready);
        for (long i = Math.max(r.firstIndex(), 1); i <= r.commitIndex(); i++) {
            checkCommitted(id, r.entryAt(i));
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
            RaftReplica leader = replicas.get(id);
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
