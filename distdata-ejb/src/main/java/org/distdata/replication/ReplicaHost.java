package org.distdata.replication;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.distdata.raft.Entry;
import org.distdata.raft.Membership;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.RaftEngine;
import org.distdata.raft.RaftOptions;
import org.distdata.raft.RaftReplica;
import org.distdata.raft.Ready;
import org.distdata.storage.wal.RecoveredGroup;
import org.distdata.storage.wal.WalRecord;
import org.distdata.storage.wal.WriteAheadLog;

/**
 * Runs one node's {@link RaftEngine} against the real world: a single thread takes peer
 * messages and proposals from an inbox, ticks the engine on a wall clock, writes every
 * group's Ready to the shared {@link WriteAheadLog} as one batch (so one fsync covers all
 * groups and all proposals that arrived meanwhile), then sends, then applies to the
 * {@link StateMachine} and completes the proposers' futures.
 *
 * <p>Snapshots are not wired in yet (they come with the partition state machines): a
 * group whose log was compacted cannot be hosted here.
 */
public final class ReplicaHost implements AutoCloseable {

    private record Proposal(long group, byte[] command, CompletableFuture<Object> result) {
    }

    private record Pending(long term, CompletableFuture<Object> result) {
    }

    private final RaftEngine engine;
    private final WriteAheadLog wal;
    private final RaftWal raftWal;
    private final PeerTransport transport;
    private final StateMachine stateMachine;
    private final long tickNanos;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Map<Long, TreeMap<Long, Pending>> pending = new TreeMap<>();
    private final Map<Long, Long> leaders = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Hosts {@code groups} (group id → initial membership) on node {@code nodeId}, restoring
     * each from what {@code wal} recovered. The loop starts at once.
     */
    public ReplicaHost(long nodeId, Map<Long, Membership> groups, WriteAheadLog wal, PeerTransport transport,
                       StateMachine stateMachine, LongFunction<RaftOptions> options, long tickMillis,
                       ThreadFactory threads) {
        this.engine = new RaftEngine(nodeId);
        this.wal = wal;
        this.raftWal = new RaftWal(wal.recovered());
        this.transport = transport;
        this.stateMachine = stateMachine;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        groups.forEach((group, membership) -> {
            RecoveredGroup recovered = wal.recovered().get(group);
            RaftWal.PersistedGroup persisted = recovered == null
                    ? new RaftWal.PersistedGroup(org.distdata.raft.HardState.EMPTY, 0, 0, List.of())
                    : RaftWal.restore(recovered);
            if (persisted.snapshotIndex() > 0) {
                throw new IllegalStateException("group " + group + " was compacted; snapshots are not hosted yet");
            }
            engine.addGroup(group, new RaftReplica(options.apply(nodeId), membership, persisted.hardState(), null, null,
                    persisted.entries(), 0));
        });
        this.thread = threads.newThread(this::run);
        thread.start();
    }

    /** A message from a peer; thread-safe. */
    public void receive(PeerMessage message) {
        inbox.add(message);
    }

    /**
     * Proposes a command to {@code group}; the future completes with the state machine's
     * result once the command is applied here, or fails with a
     * {@link ProposalRejectedException} (not the leader, or the entry was overwritten).
     */
    public CompletableFuture<Object> propose(long group, byte[] command) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        inbox.add(new Proposal(group, command, result));
        return result;
    }

    /** The leader of {@code group} as this node last knew it, or {@link RaftReplica#NONE}. */
    public long leader(long group) {
        return leaders.getOrDefault(group, RaftReplica.NONE);
    }

    private void run() {
        long nextTick = System.nanoTime() + tickNanos;
        List<Object> batch = new ArrayList<>();
        while (running) {
            try {
                long wait = nextTick - System.nanoTime();
                Object first = wait > 0 && !engine.hasReady() ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, 8192);
                }
                take(batch);
                batch.clear();
                long now = System.nanoTime();
                if (now >= nextTick) {
                    engine.tick();
                    nextTick = Math.max(nextTick + tickNanos, now);
                }
                if (engine.hasReady()) {
                    handle(engine.ready());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Steps messages and proposes all proposals of a group in one call, so they share one append. */
    private void take(List<Object> batch) {
        Map<Long, List<Proposal>> proposals = new LinkedHashMap<>();
        for (Object item : batch) {
            if (item instanceof PeerMessage m) {
                engine.step(m);
            } else if (item instanceof Proposal p) {
                proposals.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p);
            }
        }
        proposals.forEach((group, list) -> {
            RaftReplica replica = engine.group(group);
            if (replica == null) {
                list.forEach(p -> p.result().completeExceptionally(new IllegalArgumentException("no group " + group)));
                return;
            }
            try {
                long index = replica.propose(list.stream().map(Proposal::command).toList());
                TreeMap<Long, Pending> waiting = pending.computeIfAbsent(group, g -> new TreeMap<>());
                for (Proposal p : list) {
                    waiting.put(index++, new Pending(replica.term(), p.result()));
                }
            } catch (ProposalRejectedException e) {
                list.forEach(p -> p.result().completeExceptionally(e));
            }
        });
    }

    private void handle(RaftEngine.EngineReady ready) {
        List<WalRecord> records = new ArrayList<>();
        boolean mustSync = false;
        for (Map.Entry<Long, Ready> g : ready.groups().entrySet()) {
            RaftWal.Records r = raftWal.records(g.getKey(), g.getValue());
            records.addAll(r.records());
            mustSync |= r.needsSync();
        }
        if (mustSync) {
            wal.append(records).join(); // durable before any message that depends on it leaves
        } else if (!records.isEmpty()) {
            wal.appendWithoutSync(records);
        }
        ready.messages().forEach(transport::send);
        ready.groups().forEach(this::apply);
        engine.advance(ready);
    }

    private void apply(long group, Ready ready) {
        leaders.put(group, ready.leader());
        TreeMap<Long, Pending> waiting = pending.get(group);
        for (Entry entry : ready.committed()) {
            stateMachine.apply(group, List.of(entry));
            Object result = entry.index();
            if (waiting == null) {
                continue;
            }
            Iterator<Map.Entry<Long, Pending>> it = waiting.headMap(entry.index(), true).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Pending> p = it.next();
                if (p.getKey() == entry.index() && p.getValue().term() == entry.term()) {
                    p.getValue().result().complete(result);
                } else {
                    p.getValue().result().completeExceptionally(new ProposalRejectedException(
                            ProposalRejectedException.Reason.NOT_LEADER, ready.leader(),
                            "the entry was overwritten by a newer leader"));
                }
                it.remove();
            }
        }
    }

    /** Stops the loop; proposals still waiting fail. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
        pending.values().forEach(m -> m.values().forEach(p -> p.result().completeExceptionally(
                new IllegalStateException("the replica host is closed"))));
    }
}
