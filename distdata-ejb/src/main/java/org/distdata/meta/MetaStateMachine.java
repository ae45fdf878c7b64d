package org.distdata.meta;

import jakarta.persistence.EntityManager;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.meta.MetaCommand.CatalogCommand;
import org.distdata.meta.MetaCommand.SecurityCommand;
import org.distdata.meta.MetaCommand.SettingPut;
import org.distdata.raft.Entry;
import org.distdata.replication.StateMachine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The meta group's state machine on one node, and the only writer of its metadata database.
 * Each batch of committed entries is applied in log order inside one JPA transaction that also
 * stores the group's applied index ({@link AppliedIndex}); entries at or below the stored
 * index are skipped, so replay after a crash is exactly-once. Every entry is decoded before
 * the transaction starts, so a batch holding bytes this node cannot read changes nothing.
 * After the commit, accepted commands are published to the in-memory views
 * ({@link MetaListener}s), then waiting proposers learn their outcome.
 *
 * <p>The Raft host's {@link #apply} hands batches to a thread of this state machine; once a
 * committed batch has failed to apply, the state machine stops (a log cannot skip an entry)
 * and waiters get NODE_UNAVAILABLE. {@link LocalMetaLog} applies on the caller's thread
 * through the same {@link #applyInOrder} path.
 */
public final class MetaStateMachine implements StateMachine, AutoCloseable {
    /** The Raft group id of the meta group. */
    public static final long GROUP = 0;
    private static final Logger LOG = Logger.getLogger(MetaStateMachine.class.getName());

    private record Decoded(long index, MetaProposal proposal) {
    }

    private final MetadataDatabase db;
    private final Object applyLock = new Object();
    private final Object progress = new Object();
    private final List<MetaListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, CompletableFuture<MetaOutcome>> waiting = new ConcurrentHashMap<>();
    private volatile long applied;
    private volatile RuntimeException stopped;
    private ExecutorService applyThread;
    private boolean closed;

    public MetaStateMachine(MetadataDatabase db) {
        this.db = db;
        this.applied = db.read(em -> {
            AppliedIndex row = em.find(AppliedIndex.class, Long.toString(GROUP));
            return row == null ? 0L : row.index();
        });
    }

    @Override
    public long appliedIndex(long group) {
        requireMetaGroup(group);
        return applied;
    }

    @Override
    public void apply(long group, List<Entry> committed) {
        requireMetaGroup(group);
        List<Entry> batch = List.copyOf(committed);
        ExecutorService thread = applyThread();
        if (thread == null) {
            return; // closed: the host is shutting down too, and replays these after a restart
        }
        try {
            thread.execute(() -> applyOnThread(batch));
        } catch (RejectedExecutionException closing) {
            // closed meanwhile: as above
        }
    }

    private void applyOnThread(List<Entry> batch) {
        if (stopped != null) {
            return;
        }
        try {
            applyInOrder(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "meta state machine stopped: cannot apply entries " + batch, e);
            stopped = e;
            wakeWaiters();
        }
    }

    /**
     * Applies {@code committed} (consecutive entries, possibly overlapping what is applied
     * already) in one transaction, then publishes them. Throws, with nothing applied, when an
     * entry cannot be decoded or the database refuses the batch.
     */
    void applyInOrder(List<Entry> committed) {
        synchronized (applyLock) {
            List<Decoded> batch = decode(committed);
            if (batch.isEmpty()) {
                return;
            }
            long last = batch.get(batch.size() - 1).index();
            List<MetaOutcome> outcomes = db.inTransaction(em -> {
                List<MetaOutcome> results = new ArrayList<>(batch.size());
                for (Decoded d : batch) {
                    results.add(d.proposal() == null ? MetaOutcome.ACCEPTED : persist(em, d.proposal().command()));
                    em.flush();
                }
                AppliedIndex row = em.find(AppliedIndex.class, Long.toString(GROUP));
                if (row == null) {
                    em.persist(new AppliedIndex(GROUP, last));
                } else {
                    row.index(last);
                }
                return results;
            });
            for (int i = 0; i < batch.size(); i++) {
                MetaProposal p = batch.get(i).proposal();
                if (p != null && outcomes.get(i).accepted()) {
                    publish(p.command());
                }
            }
            // Outcomes first: a proposer woken by the index below reads its outcome at once.
            for (int i = 0; i < batch.size(); i++) {
                MetaProposal p = batch.get(i).proposal();
                CompletableFuture<MetaOutcome> waiter = p == null ? null : waiting.remove(p.id());
                if (waiter != null) {
                    waiter.complete(outcomes.get(i));
                }
            }
            applied = last;
            wakeWaiters();
        }
    }

    /**
     * Loads an in-memory view with no batch applying meanwhile, then publishes every later
     * command to it: the view neither misses a change nor sees one twice.
     */
    public <T extends MetaListener> T subscribe(Supplier<T> load) {
        synchronized (applyLock) {
            T view = load.get();
            listeners.add(view);
            return view;
        }
    }

    /**
     * Waits until every entry up to {@code index} is applied and published here.
     *
     * @return false when {@code timeout} passed first
     * @throws DistDataException NODE_UNAVAILABLE when the state machine stopped on a failed batch
     */
    public boolean awaitApplied(long index, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (applied < index) {
                failIfStopped();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Registers interest in the outcome of this node's proposal {@code proposalId}, before proposing it. */
    CompletableFuture<MetaOutcome> expect(long proposalId) {
        CompletableFuture<MetaOutcome> f = new CompletableFuture<>();
        waiting.put(proposalId, f);
        return f;
    }

    void forget(long proposalId) {
        waiting.remove(proposalId);
    }

    @Override
    public void close() {
        ExecutorService thread;
        synchronized (this) {
            thread = applyThread;
            applyThread = null;
            closed = true;
        }
        if (thread != null) {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<Decoded> decode(List<Entry> committed) {
        List<Decoded> batch = new ArrayList<>(committed.size());
        long next = applied + 1;
        for (Entry e : committed) {
            if (e.index() < next) {
                continue; // applied before a crash, or handed over twice
            }
            if (e.index() != next) {
                throw new IllegalStateException("meta log gap: expected index " + next + ", got " + e.index());
            }
            MetaProposal proposal = e.kind() == Entry.Kind.COMMAND ? decodeAt(e) : null;
            batch.add(new Decoded(e.index(), proposal));
            next++;
        }
        return batch;
    }

    private static MetaProposal decodeAt(Entry e) {
        try {
            return MetaCodec.decode(e.data());
        } catch (MetaCodecException x) {
            throw new MetaCodecException("meta log entry " + e.index() + ": " + x.getMessage(), x);
        }
    }

    private static MetaOutcome persist(EntityManager em, MetaCommand command) {
        if (command instanceof CatalogCommand c) {
            return CatalogRecords.apply(em, c);
        }
        if (command instanceof SecurityCommand c) {
            return SecurityRecords.apply(em, c);
        }
        SettingPut c = (SettingPut) command;
        SettingEntity row = em.find(SettingEntity.class, c.name());
        if (row == null) {
            em.persist(new SettingEntity(c.name(), c.value()));
        } else if (!c.onlyIfAbsent()) {
            row.value(c.value());
        }
        return MetaOutcome.ACCEPTED;
    }

    private void publish(MetaCommand command) {
        for (MetaListener l : listeners) {
            try {
                l.published(command);
            } catch (RuntimeException e) {
                // The command is durable; a view that failed to follow is a bug to report, not
                // a reason to stop applying the log.
                LOG.log(Level.SEVERE, "view " + l.getClass().getSimpleName() + " failed to publish " + command, e);
            }
        }
    }

    private void wakeWaiters() {
        synchronized (progress) {
            progress.notifyAll();
        }
        if (stopped != null) {
            waiting.values().forEach(f -> f.completeExceptionally(stoppedException()));
        }
    }

    private void failIfStopped() {
        if (stopped != null) {
            throw stoppedException();
        }
    }

    private DistDataException stoppedException() {
        return new DistDataException(ErrorCode.NODE_UNAVAILABLE,
                "this node stopped applying metadata changes: " + stopped.getMessage(), stopped);
    }

    private synchronized ExecutorService applyThread() {
        if (applyThread == null && !closed) {
            applyThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "distdata-meta-apply");
                t.setDaemon(true);
                return t;
            });
        }
        return applyThread;
    }

    private static void requireMetaGroup(long group) {
        if (group != GROUP) {
            throw new IllegalArgumentException("the meta state machine serves group " + GROUP + ", not " + group);
        }
    }
}
