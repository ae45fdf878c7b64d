package org.distdata.replication;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.distdata.raft.Membership;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.RaftEngine;
import org.distdata.raft.RaftReplica;
import org.distdata.raft.ReadMode;
import org.distdata.storage.wal.RecoveredGroup;
import org.distdata.storage.wal.WriteAheadLog;

/**
 * A node's Raft host: every Raft group this node replicates, run by one {@link ReadyLoop} on
 * one thread against the node's {@link WriteAheadLog}, a {@link PeerTransport} and the
 * {@link StateMachine}. Its methods are safe from any thread: they post to the thread's
 * inbox and answer with futures. The thread takes everything that arrived at once — so
 * all proposals of a group since the last Ready share one append and one fsync — ticks the
 * groups on the wall clock, and lets reads that no quorum confirms fail after
 * {@link RaftHostOptions#readTimeoutMillis()}.
 *
 * <p>A WAL failure or an exception from the state machine stops the host for good (the
 * node must restart and recover): every waiting future fails with it.
 */
public final class RaftHost implements AutoCloseable {

    private record Proposal(long group, byte[] command, CompletableFuture<Long> result) {
    }

    private final long nodeId;
    private final WriteAheadLog wal;
    private final StateMachine stateMachine;
    private final RaftHostOptions options;
    private final ReadyLoop loop;
    private final Proposals proposals = new Proposals();
    private final PendingReads reads;
    private final RaftMetrics metrics;
    private final HostEvents events;
    private final Set<Long> startedBefore = new HashSet<>();
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Map<Long, Long> leaders = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * Hosts {@code groups} (group id → membership to bootstrap with when the group is new
     * here) on node {@code nodeId}, each restarted from what {@code wal} recovered and where
     * the state machine's applied index says. The loop starts at once.
     */
    public RaftHost(long nodeId, Map<Long, Membership> groups, WriteAheadLog wal, PeerTransport transport,
                    StateMachine stateMachine, RaftHostOptions options) throws IOException {
        this.nodeId = nodeId;
        this.wal = wal;
        this.stateMachine = stateMachine;
        this.options = options;
        this.reads = new PendingReads(TimeUnit.MILLISECONDS.toNanos(options.readTimeoutMillis()));
        this.metrics = new RaftMetrics(() -> wal.stats().syncs());
        this.events = new HostEvents(metrics, proposals, reads, leaders);
        WalStorage storage = new WalStorage(wal, inbox::add, this::fail);
        this.loop = new ReadyLoop(new RaftEngine(nodeId), storage, transport, stateMachine,
                new FileSnapshotStaging(options.stagingDirectory()), events, options.snapshotEvery());
        events.attach(loop);
        groups.forEach(this::host);
        this.thread = options.threads().newThread(this::run);
        thread.start();
    }

    // ---- the API, from any thread --------------------------------------------------------

    /** A message from a peer. */
    public void receive(PeerMessage message) {
        inbox.add(message);
    }

    /**
     * Proposes {@code command} to {@code group}. Completes with the entry's index once it is
     * committed and handed to {@link StateMachine#apply} here; fails with a
     * {@link ProposalRejectedException} when this node does not lead the group (naming the
     * leader it knows) or a newer leader overwrote the entry, and with a
     * {@link ProposalOutcomeUnknownException} when a snapshot replaced the log first.
     */
    public CompletableFuture<Long> propose(long group, byte[] command) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        inbox.add(new Proposal(group, command, result));
        return result;
    }

    /**
     * A linearizable read of {@code group}: completes with an index such that a read served
     * once the local state machine has applied it is linearizable. Fails with a
     * {@link ProposalRejectedException} when this node does not lead the group, and with a
     * {@link NoQuorumException} when a quorum does not confirm the leadership in time.
     */
    public CompletableFuture<Long> read(long group, ReadMode mode) {
        return this.<CompletableFuture<Long>>call(() -> {
            RaftReplica replica = replica(group);
            CompletableFuture<Long> result = new CompletableFuture<>();
            long id = reads.add(group, result, System.nanoTime());
            try {
                replica.read(id, mode);
            } catch (ProposalRejectedException e) {
                reads.forget(id);
                throw e;
            }
            return result;
        }).thenCompose(f -> f);
    }

    /** Hands the leadership of {@code group} to {@code target} once its log is up to date. */
    public CompletableFuture<Void> transferLeadership(long group, long target) {
        return call(() -> {
            replica(group).transferLeadership(target);
            return null;
        });
    }

    /** Starts hosting {@code group}, restarting it from the log if it was hosted before. */
    public CompletableFuture<Void> addGroup(long group, Membership bootstrap) {
        return call(() -> {
            host(group, bootstrap);
            return null;
        });
    }

    /** Stops hosting {@code group}; its waiting proposals and reads fail. */
    public CompletableFuture<Void> removeGroup(long group) {
        return call(() -> {
            replica(group);
            loop.removeGroup(group);
            leaders.remove(group);
            metrics.applyLag.remove(group);
            events.forget(group);
            ProposalRejectedException gone = new ProposalRejectedException(ProposalRejectedException.Reason.NOT_LEADER,
                    RaftReplica.NONE, "group " + group + " left node " + nodeId);
            proposals.failAll(group, gone);
            reads.failAll(group, g -> gone);
            return null;
        });
    }

    /** The leader of {@code group} as this node last knew it, or {@link RaftReplica#NONE}. */
    public long leader(long group) {
        return leaders.getOrDefault(group, RaftReplica.NONE);
    }

    /** The groups hosted here. */
    public Set<Long> groups() {
        return new TreeSet<>(leaders.keySet());
    }

    /** This node's view of {@code group} now, or null if it is not hosted here. */
    public GroupStatus status(long group) {
        Supplier<GroupStatus> status = () -> {
            RaftReplica r = loop.engine().group(group);
            return r == null ? null : new GroupStatus(group, r.role(), r.term(), r.leader(), r.commitIndex(),
                    loop.handedOff(group), r.lastIndex(), r.membership(), r.matchIndexes());
        };
        if (Thread.currentThread() == thread) {
            return status.get();
        }
        try {
            return this.<GroupStatus>call(status::get).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no status of group " + group + " from the raft host", e);
        }
    }

    public RaftMetrics metrics() {
        return metrics;
    }

    // ---- the loop thread ---------------------------------------------------------------

    private interface Task {
        Object run();
    }

    /** A call of the API, run on the loop thread. */
    private record Call(Task task, CompletableFuture<Object> result) implements Runnable {
        @Override
        public void run() {
            try {
                result.complete(task.run());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> call(Task task) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        inbox.add(new Call(task, result));
        if (!running) {
            result.completeExceptionally(stopped()); // the loop may have drained its inbox already
        }
        return (CompletableFuture<T>) result;
    }

    private RaftReplica replica(long group) {
        RaftReplica replica = loop.engine().group(group);
        if (replica == null) {
            throw new IllegalArgumentException("group " + group + " is not hosted on node " + nodeId);
        }
        return replica;
    }

    private void host(long group, Membership bootstrap) {
        // The log's recovered state is from when it was opened; a group hosted since then starts anew.
        RecoveredGroup recovered = startedBefore.add(group) ? wal.recovered().get(group) : null;
        RaftWal.PersistedGroup persisted = recovered == null ? RaftWal.PersistedGroup.EMPTY
                : RaftWal.restore(recovered, bootstrap);
        loop.addGroup(group, applied -> GroupRestart.replica(group, options.raftOptions().apply(group), bootstrap,
                persisted, applied));
    }

    private void run() {
        long tickNanos = TimeUnit.MILLISECONDS.toNanos(options.tickMillis());
        long nextTick = System.nanoTime() + tickNanos;
        List<Object> batch = new ArrayList<>();
        try {
            while (running) {
                long wait = nextTick - System.nanoTime();
                Object first = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, 8192);
                }
                take(batch);
                batch.clear();
                long now = System.nanoTime();
                if (now >= nextTick) {
                    loop.tick();
                    reads.expire(now);
                    nextTick = Math.max(nextTick + tickNanos, now);
                }
                loop.process();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** Steps messages and runs tasks in order; proposes each group's proposals in one call, so they share one append. */
    private void take(List<Object> batch) {
        Map<Long, List<Proposal>> byGroup = new LinkedHashMap<>();
        for (Object item : batch) {
            if (!running) {
                return;
            } else if (item instanceof PeerMessage m) {
                loop.engine().step(m);
            } else if (item instanceof Proposal p) {
                byGroup.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p);
            } else if (item instanceof Runnable task) {
                task.run();
            }
        }
        byGroup.forEach((group, list) -> {
            RaftReplica replica = loop.engine().group(group);
            if (replica == null) {
                list.forEach(p -> p.result().completeExceptionally(
                        new IllegalArgumentException("group " + group + " is not hosted on node " + nodeId)));
                return;
            }
            try {
                long index = replica.propose(list.stream().map(Proposal::command).toList());
                for (Proposal p : list) {
                    proposals.add(group, index++, replica.term(), p.result());
                }
                metrics.proposals.addAndGet(list.size());
            } catch (ProposalRejectedException e) {
                list.forEach(p -> p.result().completeExceptionally(e));
            }
        });
    }

    /** The log or the state machine failed: nothing more can be done safely. */
    private void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        running = false;
        loop.stop();
        failWaiting(new IllegalStateException("the raft host of node " + nodeId + " failed; restart to recover", cause));
    }

    private IllegalStateException stopped() {
        return new IllegalStateException("the raft host of node " + nodeId + " is stopped", failure);
    }

    private void failWaiting(RuntimeException cause) {
        proposals.failAll(null, cause);
        reads.failAll(null, g -> cause);
        List<Object> left = new ArrayList<>();
        inbox.drainTo(left);
        for (Object item : left) {
            if (item instanceof Proposal p) {
                p.result().completeExceptionally(cause);
            } else if (item instanceof Call call) {
                call.result().completeExceptionally(cause);
            }
        }
    }

    /** Why the host stopped on its own, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Stops the loop; proposals and reads still waiting fail. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
        loop.stop();
        failWaiting(new ProposalOutcomeUnknownException("the raft host of node " + nodeId + " is closed"));
    }
}
