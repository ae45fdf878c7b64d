package org.distdata.raft.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.distdata.raft.Entry;
import org.distdata.raft.InjectedBug;
import org.distdata.raft.Membership;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.RaftEngine;
import org.distdata.raft.RaftOptions;
import org.distdata.raft.RaftReplica;
import org.distdata.raft.ReadMode;
import org.distdata.raft.ReadState;
import org.distdata.raft.Ready;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;
import org.distdata.raft.sim.lin.KvOperation;
import org.distdata.replication.MemorySnapshotStaging;
import org.distdata.replication.PeerTransport;
import org.distdata.replication.RaftStorage;
import org.distdata.replication.ReadyLoop;
import org.distdata.replication.StateMachine;

/**
 * One simulated server: the production {@link ReadyLoop} driving the real {@link RaftEngine}
 * that hosts every group, with the simulation's ports — a {@link SimDisk} whose fsync takes
 * simulated time, the simulated network (which may kill the node halfway through sending a
 * Ready), and a KV store per group as the state machine, which answers clients. A crash
 * throws away everything but the disk.
 */
final class SimNode {

    /** How a client wants a GET served. */
    enum GetMode { LOG, READ_INDEX, LEASE }

    private record PendingWrite(SimClient client, KvCommand command, long group, long index) {
    }

    private record PendingRead(SimClient client, KvCommand command, long group, long index) {
    }

    final long id;
    private final Simulation sim;
    private final SimDisk disk = new SimDisk();
    private final long tickMicros;
    private final Set<InjectedBug> bugs;
    private ReadyLoop loop;
    private final Map<Long, KvStore> stores = new TreeMap<>();
    private final Map<Long, Long> applied = new TreeMap<>();
    private final Map<Long, byte[]> lastSnapshot = new TreeMap<>();
    private final Map<Long, PendingWrite> pendingWrites = new TreeMap<>();
    private final Map<Long, PendingRead> pendingReads = new TreeMap<>();
    private boolean up;
    private long incarnation;

    SimNode(long id, Simulation sim, long tickMicros, Set<InjectedBug> bugs) {
        this.id = id;
        this.sim = sim;
        this.tickMicros = tickMicros;
        this.bugs = bugs;
    }

    boolean isUp() {
        return up;
    }

    RaftReplica replica(long group) {
        return up ? loop.engine().group(group) : null;
    }

    void start() {
        up = true;
        incarnation++;
        SimulationConfig c = sim.config();
        loop = new ReadyLoop(new RaftEngine(id), new Storage(incarnation), new Transport(), new Machine(),
                new MemorySnapshotStaging(), new Checks(), c.snapshotEvery());
        for (long group = 1; group <= c.groups(); group++) {
            SimDisk.GroupImage image = disk.group(group);
            RaftOptions options = RaftOptions.defaults(id).withElectionTicks(10, 1)
                    .withBatching(c.maxEntriesPerAppend(), 1 << 20, c.maxInflight())
                    .withSnapshotChunkBytes(c.snapshotChunkBytes())
                    .withRandomSeed(sim.seed() * 1_000_003L + id * 10_007L + group * 101L + incarnation)
                    .withInjectedBugs(bugs);
            // the store is memory: after a crash it is what the last snapshot on disk holds
            stores.put(group, KvStore.restore(image.snapshotBytes));
            applied.put(group, image.snapshot == null ? 0 : image.snapshot.index());
            loop.addGroup(group, appliedIndex -> new RaftReplica(options, sim.bootstrapMembership(), image.hardState,
                    image.snapshot, image.snapshotBytes == null ? null : SnapshotSource.of(image.snapshotBytes),
                    image.entryList(), appliedIndex));
        }
        scheduleTick(incarnation);
        sim.trace("n" + id + " started (incarnation " + incarnation + ")");
    }

    void crash() {
        if (!up) {
            return;
        }
        up = false;
        loop.stop();
        disk.crash(sim.random());
        loop = null;
        stores.clear();
        applied.clear();
        lastSnapshot.clear();
        pendingWrites.clear();
        pendingReads.clear();
        sim.trace("n" + id + " crashed");
    }

    private void scheduleTick(long forIncarnation) {
        sim.schedule(tickMicros, "tick n" + id, () -> {
            if (up && incarnation == forIncarnation) {
                loop.tick();
                scheduleTick(forIncarnation);
            }
        });
    }

    void receive(PeerMessage message) {
        if (!up) {
            return;
        }
        loop.step(message);
    }

    // ---- clients ---------------------------------------------------------------------------

    void clientRequest(SimClient client, KvCommand command, GetMode mode) {
        if (!up) {
            return; // the request is lost with the node; the client times out
        }
        long group = sim.groupOf(command.key());
        RaftReplica replica = loop.engine().group(group);
        try {
            if (command.kind() == KvOperation.Kind.GET && mode != GetMode.LOG) {
                replica.read(command.opId(), mode == GetMode.LEASE ? ReadMode.LEASE : ReadMode.READ_INDEX);
                pendingReads.put(command.opId(), new PendingRead(client, command, group, -1));
            } else {
                long index = replica.propose(command.encode());
                pendingWrites.put(command.opId(), new PendingWrite(client, command, group, index));
            }
        } catch (ProposalRejectedException e) {
            sim.replyLater(client, command.opId(), SimClient.Reply.redirect(e.leaderHint()));
        }
        loop.process();
    }

    /** The simulated operator: proposes a membership change or a leadership transfer. */
    void operate(java.util.function.Consumer<RaftReplica> action, long group) {
        if (!up) {
            return;
        }
        try {
            action.accept(loop.engine().group(group));
        } catch (ProposalRejectedException ignored) {
            // not the leader, or a change is pending: the operator tries again later
        }
        loop.process();
    }

    // ---- the ports of the shared loop ---------------------------------------------------------

    /** The simulated disk; an fsync completes after simulated time, unless the node crashed first. */
    private final class Storage implements RaftStorage {
        private final long forIncarnation;

        Storage(long forIncarnation) {
            this.forIncarnation = forIncarnation;
        }

        @Override
        public boolean write(long group, Ready ready) {
            if (!ready.entries().isEmpty()) {
                disk.writeEntries(group, ready.entries());
            }
            if (ready.hardState() != null) {
                disk.writeHardState(group, ready.hardState());
            }
            return ready.needsSync();
        }

        @Override
        public void flush(boolean sync, Runnable whenDone) {
            if (!sync) {
                whenDone.run();
                return;
            }
            sim.schedule(sim.config().fsyncMicros(), "fsync n" + id, () -> {
                if (up && incarnation == forIncarnation) {
                    disk.sync();
                    whenDone.run();
                }
            });
        }

        @Override
        public void snapshotTaken(long group, SnapshotMeta meta) {
            disk.saveLocalSnapshot(group, meta, lastSnapshot.remove(group));
        }
    }

    /** The simulated network; the process may die halfway through a Ready's messages. */
    private final class Transport implements PeerTransport {
        @Override
        public void send(PeerMessage message) {
            sim.network().send(message);
        }

        @Override
        public void sendAll(List<PeerMessage> messages) {
            if (sim.crashesMidSend(SimNode.this)) {
                int sent = sim.random().nextInt(messages.size() + 1);
                messages.subList(0, sent).forEach(this::send);
                sim.trace("n" + id + " crashes after sending " + sent + " of " + messages.size() + " messages");
                sim.crashAndRestartLater(SimNode.this);
                return;
            }
            messages.forEach(this::send);
        }
    }

    /** The KV stores, which answer the clients as they apply. */
    private final class Machine implements StateMachine {
        @Override
        public long appliedIndex(long group) {
            return applied.get(group);
        }

        @Override
        public void apply(long group, List<Entry> committed) {
            KvStore store = stores.get(group);
            for (Entry entry : committed) {
                sim.checker().applied(group, id, entry);
                applied.put(group, entry.index());
                if (entry.kind() != Entry.Kind.COMMAND) {
                    continue;
                }
                KvCommand command = KvCommand.decode(entry.data());
                String output = store.apply(command);
                sim.applied(command, output);
                PendingWrite pending = pendingWrites.remove(command.opId());
                if (pending != null) {
                    sim.replyLater(pending.client(), command.opId(), SimClient.Reply.ok(output));
                }
            }
            answerProposalsUpTo(group, applied.get(group), SimClient.Reply.failed());
            serveReads(group);
        }

        @Override
        public Snapshot snapshot(long group) {
            byte[] bytes = stores.get(group).snapshot();
            lastSnapshot.put(group, bytes);
            return new Snapshot(applied.get(group), SnapshotSource.of(bytes));
        }

        @Override
        public void installSnapshot(long group, SnapshotMeta meta, SnapshotSource data) {
            byte[] bytes = data.read(0, (int) data.size());
            disk.writeInstalledSnapshot(group, meta, bytes);
            stores.put(group, KvStore.restore(bytes));
            applied.put(group, meta.index());
            sim.checker().installed(group, id, meta);
            answerProposalsUpTo(group, meta.index(), SimClient.Reply.unknown());
        }
    }

    /** The safety checker's view of every Ready, and the reads the leader confirmed. */
    private final class Checks implements ReadyLoop.Listener {
        @Override
        public void readyTaken(RaftEngine.EngineReady ready) {
            countLeaderReadies(ready);
            sim.checker().observe(SimNode.this, ready);
        }

        @Override
        public void readStates(long group, List<ReadState> reads) {
            for (ReadState read : reads) {
                PendingRead pending = pendingReads.get(read.requestId());
                if (pending != null) {
                    pendingReads.put(read.requestId(), new PendingRead(pending.client(), pending.command(), group,
                            read.index()));
                }
            }
            serveReads(group);
        }

        @Override
        public void advanced(RaftEngine.EngineReady ready) {
            sim.checker().afterAdvance(SimNode.this, loop.engine());
        }
    }

    /**
     * Answers every proposal of {@code group} at or below {@code upTo} that is still waiting:
     * after its index was applied with another entry it definitely failed; after a snapshot
     * replaced the log there, its outcome is unknown.
     */
    private void answerProposalsUpTo(long group, long upTo, SimClient.Reply reply) {
        Iterator<PendingWrite> it = pendingWrites.values().iterator();
        while (it.hasNext()) {
            PendingWrite p = it.next();
            if (p.group() == group && p.index() <= upTo) {
                it.remove();
                sim.replyLater(p.client(), p.command().opId(), reply);
            }
        }
    }

    private void serveReads(long group) {
        long upTo = applied.get(group);
        List<Long> served = new ArrayList<>();
        for (PendingRead p : pendingReads.values()) {
            if (p.group() == group && p.index() >= 0 && p.index() <= upTo) {
                served.add(p.command().opId());
                sim.replyLater(p.client(), p.command().opId(), SimClient.Reply.ok(stores.get(group).get(p.command().key())));
            }
        }
        served.forEach(pendingReads::remove);
    }

    RaftEngine engine() {
        return loop.engine();
    }

    private final Map<Long, long[]> leaderReadies = new TreeMap<>();

    /** Per group: the term this node last led and how many Readies it has produced in it. */
    private void countLeaderReadies(RaftEngine.EngineReady ready) {
        ready.groups().forEach((group, r) -> {
            if (r.role() == org.distdata.raft.Role.LEADER) {
                long[] termAndCount = leaderReadies.computeIfAbsent(group, g -> new long[2]);
                if (termAndCount[0] != r.term()) {
                    termAndCount[0] = r.term();
                    termAndCount[1] = 0;
                }
                termAndCount[1]++;
            }
        });
    }

    /** Leads some group and has produced at most ten Readies in that term so far. */
    boolean isNewLeader() {
        return up && loop.engine().groups().entrySet().stream().anyMatch(g -> g.getValue().role() == org.distdata.raft.Role.LEADER
                && leaderReadies.containsKey(g.getKey()) && leaderReadies.get(g.getKey())[0] == g.getValue().term()
                && leaderReadies.get(g.getKey())[1] <= 10);
    }

    boolean leadsAnyGroup() {
        return up && loop.engine().groups().values().stream().anyMatch(r -> r.role() == org.distdata.raft.Role.LEADER);
    }

    Membership membership(long group) {
        return loop.engine().group(group).membership();
    }

    @Override
    public String toString() {
        return "n" + id + (up ? "" : " (down)");
    }
}
