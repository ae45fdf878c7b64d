package org.distdata.raft.sim;

import java.io.ByteArrayOutputStream;
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
import org.distdata.raft.ReceivedSnapshotChunk;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;
import org.distdata.raft.sim.lin.KvOperation;

/**
 * One simulated server: the real {@link RaftEngine} hosting every group, a KV store per
 * group, a {@link SimDisk}, and the glue a production host has — persist, then send, then
 * apply, then answer clients. A crash throws away everything but the disk.
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
    private RaftEngine engine;
    private final Map<Long, KvStore> stores = new TreeMap<>();
    private final Map<Long, Long> applied = new TreeMap<>();
    private final Map<Long, ByteArrayOutputStream> staging = new TreeMap<>();
    private final Map<Long, PendingWrite> pendingWrites = new TreeMap<>();
    private final Map<Long, PendingRead> pendingReads = new TreeMap<>();
    private boolean up;
    private boolean busy;
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
        return up ? engine.group(group) : null;
    }

    void start() {
        up = true;
        busy = false;
        incarnation++;
        engine = new RaftEngine(id);
        SimulationConfig c = sim.config();
        for (long group = 1; group <= c.groups(); group++) {
            SimDisk.GroupImage image = disk.group(group);
            RaftOptions options = RaftOptions.defaults(id).withElectionTicks(10, 1)
                    .withBatching(c.maxEntriesPerAppend(), 1 << 20, c.maxInflight())
                    .withSnapshotChunkBytes(c.snapshotChunkBytes())
                    .withRandomSeed(sim.seed() * 1_000_003L + id * 10_007L + group * 101L + incarnation)
                    .withInjectedBugs(bugs);
            long snapshotIndex = image.snapshot == null ? 0 : image.snapshot.index();
            RaftReplica replica = new RaftReplica(options, sim.bootstrapMembership(), image.hardState, image.snapshot,
                    image.snapshotBytes == null ? null : SnapshotSource.of(image.snapshotBytes), image.entryList(),
                    snapshotIndex);
            engine.addGroup(group, replica);
            stores.put(group, KvStore.restore(image.snapshotBytes));
            applied.put(group, snapshotIndex);
        }
        scheduleTick(incarnation);
        sim.trace("n" + id + " started (incarnation " + incarnation + ")");
    }

    void crash() {
        if (!up) {
            return;
        }
        up = false;
        busy = false;
        disk.crash(sim.random());
        engine = null;
        stores.clear();
        applied.clear();
        staging.clear();
        pendingWrites.clear();
        pendingReads.clear();
        sim.trace("n" + id + " crashed");
    }

    private void scheduleTick(long forIncarnation) {
        sim.schedule(tickMicros, "tick n" + id, () -> {
            if (up && incarnation == forIncarnation) {
                engine.tick();
                process();
                scheduleTick(forIncarnation);
            }
        });
    }

    void receive(PeerMessage message) {
        if (!up) {
            return;
        }
        engine.step(message);
        process();
    }

    // ---- clients ---------------------------------------------------------------------------

    void clientRequest(SimClient client, KvCommand command, GetMode mode) {
        if (!up) {
            return; // the request is lost with the node; the client times out
        }
        long group = sim.groupOf(command.key());
        RaftReplica replica = engine.group(group);
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
        process();
    }

    /** The simulated operator: proposes a membership change or a leadership transfer. */
    void operate(java.util.function.Consumer<RaftReplica> action, long group) {
        if (!up) {
            return;
        }
        try {
            action.accept(engine.group(group));
        } catch (ProposalRejectedException ignored) {
            // not the leader, or a change is pending: the operator tries again later
        }
        process();
    }

    // ---- the host loop: persist, send, apply ----------------------------------------------

    private void process() {
        if (!up || busy || !engine.hasReady()) {
            return;
        }
        busy = true;
        RaftEngine.EngineReady ready = engine.ready();
        countLeaderReadies(ready);
        sim.checker().observe(this, ready);
        for (Map.Entry<Long, Ready> g : ready.groups().entrySet()) {
            persist(g.getKey(), g.getValue());
        }
        if (ready.needsSync()) {
            long forIncarnation = incarnation;
            sim.schedule(sim.config().fsyncMicros(), "fsync n" + id, () -> {
                if (up && incarnation == forIncarnation) {
                    disk.sync();
                    finish(ready);
                }
            });
        } else {
            finish(ready);
        }
    }

    private void persist(long group, Ready ready) {
        for (ReceivedSnapshotChunk chunk : ready.snapshotChunks()) {
            if (chunk.offset() == 0) {
                staging.put(group, new ByteArrayOutputStream());
            }
            staging.get(group).writeBytes(chunk.data());
        }
        if (ready.installSnapshot() != null) {
            disk.writeInstalledSnapshot(group, ready.installSnapshot(), staging.get(group).toByteArray());
        }
        if (!ready.entries().isEmpty()) {
            disk.writeEntries(group, ready.entries());
        }
        if (ready.hardState() != null) {
            disk.writeHardState(group, ready.hardState());
        }
    }

    private void finish(RaftEngine.EngineReady ready) {
        if (sim.crashesMidSend(this)) {
            // the process dies while sending: only some of the messages leave
            int sent = sim.random().nextInt(ready.messages().size() + 1);
            ready.messages().subList(0, sent).forEach(sim.network()::send);
            sim.trace("n" + id + " crashes after sending " + sent + " of " + ready.messages().size() + " messages");
            sim.crashAndRestartLater(this);
            return;
        }
        ready.messages().forEach(sim.network()::send);
        for (Map.Entry<Long, Ready> g : ready.groups().entrySet()) {
            apply(g.getKey(), g.getValue());
        }
        engine.advance(ready);
        sim.checker().afterAdvance(this, engine);
        for (Map.Entry<Long, Ready> g : ready.groups().entrySet()) {
            maybeSnapshot(g.getKey());
        }
        busy = false;
        process();
    }

    private void apply(long group, Ready ready) {
        SnapshotMeta installed = ready.installSnapshot();
        if (installed != null) {
            byte[] bytes = staging.remove(group).toByteArray();
            stores.put(group, KvStore.restore(bytes));
            engine.group(group).snapshotInstalled(installed, SnapshotSource.of(bytes));
            applied.put(group, installed.index());
            sim.checker().installed(group, id, installed);
            answerProposalsUpTo(group, installed.index(), SimClient.Reply.unknown());
        }
        KvStore store = stores.get(group);
        for (Entry entry : ready.committed()) {
            if (entry.index() <= applied.get(group)) {
                continue; // covered by a snapshot installed in the meantime
            }
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
        for (ReadState read : ready.readStates()) {
            PendingRead pending = pendingReads.get(read.requestId());
            if (pending != null) {
                pendingReads.put(read.requestId(), new PendingRead(pending.client(), pending.command(), group,
                        read.index()));
            }
        }
        serveReads(group);
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

    private void maybeSnapshot(long group) {
        RaftReplica replica = engine.group(group);
        long appliedIndex = replica.appliedIndex();
        if (appliedIndex != applied.get(group) || appliedIndex - replica.firstIndex() + 1 < sim.config().snapshotEvery()) {
            return;
        }
        byte[] bytes = stores.get(group).snapshot();
        SnapshotMeta meta = replica.compact(appliedIndex, SnapshotSource.of(bytes));
        if (meta != null) {
            disk.saveLocalSnapshot(group, meta, bytes);
        }
    }

    RaftEngine engine() {
        return engine;
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
        return up && engine.groups().entrySet().stream().anyMatch(g -> g.getValue().role() == org.distdata.raft.Role.LEADER
                && leaderReadies.containsKey(g.getKey()) && leaderReadies.get(g.getKey())[0] == g.getValue().term()
                && leaderReadies.get(g.getKey())[1] <= 10);
    }

    boolean leadsAnyGroup() {
        return up && engine.groups().values().stream().anyMatch(r -> r.role() == org.distdata.raft.Role.LEADER);
    }

    Membership membership(long group) {
        return engine.group(group).membership();
    }

    @Override
    public String toString() {
        return "n" + id + (up ? "" : " (down)");
    }
}
