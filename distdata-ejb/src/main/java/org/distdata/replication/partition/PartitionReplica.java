package org.distdata.replication.partition;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.NotLeaderException;
import org.distdata.partition.TxnBranch;
import org.distdata.raft.Entry;
import org.distdata.raft.Role;
import org.distdata.storage.PartitionSession;
import org.distdata.storage.PartitionSet;
import org.distdata.raft.SnapshotMeta;
import org.distdata.raft.SnapshotSource;

/**
 * This node's replica of one partition: its Derby store, the thread that applies the
 * group's committed entries in log order, and — while this node leads the group — the live
 * branches clients are running. An entry whose live branch is here is applied by committing
 * that branch; any other entry is re-run from its write set, several in one Derby
 * transaction, always together with the applied index.
 *
 * <p>Two-phase commit (ADR 0015): a {@code Prepare} entry keeps a branch's write set aside on
 * every replica (in {@code DISTDATA.TXN_PREPARED}, with the applied index) and, on the leader,
 * its live transaction with its locks; {@code Finish} commits it there and re-runs it on the
 * followers, or discards it. {@code Decide} records a transaction's outcome in its home
 * partition, the first one in the log standing.
 *
 * <p>A leader serves nothing until it has applied the first entry of its own term and re-taken
 * the locks of every prepared transaction (by running its write set again in a live
 * transaction): earlier committed entries might otherwise wait for locks that new live
 * branches hold, and new branches must not see or change prepared rows. Losing the
 * leadership rolls every live branch back before any later entry is applied; a client whose
 * write set was already proposed keeps waiting and learns the outcome when its entry is
 * committed (and re-run here) or overwritten.
 */
final class PartitionReplica implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PartitionReplica.class.getName());
    private static final int MAX_BATCH = 256;
    private static final int DECISIONS_CACHED = 10_000;

    /** A proposed write set and the client waiting for it. */
    private record Pending(LiveBranch branch, CompletableFuture<Long> done) {
    }

    /**
     * A transaction prepared here and not finished yet. On the leader {@code live} holds its
     * writes and locks (null on followers, and on a leader until it re-takes them).
     */
    private static final class PreparedTxn {
        final TwoPhaseTables.Prepared stored;
        final long sinceNanos = System.nanoTime();
        volatile LiveBranch live;

        PreparedTxn(TwoPhaseTables.Prepared stored, LiveBranch live) {
            this.stored = stored;
            this.live = live;
        }
    }

    private final int partition;
    private final PartitionSet stores;
    private final PartitionSnapshots snapshots;
    private final Runnable schemaChanged;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Map<TxnBranch, LiveBranch> open = new ConcurrentHashMap<>();
    private final Map<ProposalId, Pending> proposed = new ConcurrentHashMap<>();
    private final Map<Long, PartitionChecksum> checksums = new ConcurrentHashMap<>();
    private final Map<Long, String> checksumErrors = new ConcurrentHashMap<>();
    private final Map<String, PreparedTxn> prepared = new ConcurrentHashMap<>();
    /**
     * The latest outcomes recorded here as the home partition, a cache of
     * {@code DISTDATA.TXN_DECIDED}: older ones are read from the table when asked for.
     */
    private final Map<String, Boolean> decided = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > DECISIONS_CACHED;
                }
            });
    /** Branches rolled back by a leadership change: a later statement of theirs must fail, not start afresh. */
    private final Map<TxnBranch, Boolean> lost = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<TxnBranch, Boolean> eldest) {
                    return size() > 10_000;
                }
            });
    private final Thread thread;
    private final Object appliedMonitor = new Object();
    private volatile long applied;
    private volatile boolean running = true;
    private volatile boolean leader;
    private volatile boolean serving;
    private volatile long term;
    private volatile long leaderHint;
    private long lastNoopTerm;
    private volatile String diverged;
    private volatile boolean snapshotting;

    PartitionReplica(int partition, PartitionSet stores, PartitionSnapshots snapshots, Runnable schemaChanged,
                     ThreadFactory threads) throws SQLException {
        this.partition = partition;
        this.stores = stores;
        this.snapshots = snapshots;
        this.schemaChanged = schemaChanged;
        PartitionSession s = stores.store(partition).borrow();
        try {
            this.applied = AppliedIndexTable.open(s.connection());
            TwoPhaseTables.open(s.connection());
            loadTwoPhaseState(s.connection());
        } finally {
            s.release();
        }
        this.thread = threads.newThread(this::run);
        thread.start();
    }

    int partition() {
        return partition;
    }

    long appliedIndex() {
        return applied;
    }

    long leaderHint() {
        return leaderHint;
    }

    /** Whether this replica leads its group, as far as the last role news said. */
    boolean leads() {
        return leader;
    }

    /** Why this replica stopped applying, or null while it is healthy. */
    String diverged() {
        return diverged;
    }

    // ---- called by the Raft host's loop: queue, never block ------------------------------

    void apply(List<Entry> committed) {
        tasks.add(() -> applyAll(committed));
    }

    void roleChanged(Role role, long newTerm, long newLeader) {
        leaderHint = newLeader;
        tasks.add(() -> {
            boolean nowLeader = role == Role.LEADER;
            if (!nowLeader || newTerm != term) {
                serving = false;
                rollBackLiveBranches(nowLeader ? "a new term began" : "this node no longer leads the partition");
            }
            leader = nowLeader;
            term = newTerm;
            if (nowLeader && lastNoopTerm == newTerm && diverged == null) {
                try {
                    retakePrepared();
                    serving = true; // the term's first entry was applied before this news arrived
                } catch (SQLException | RuntimeException e) {
                    stopApplying("re-taking the locks of prepared transactions failed: " + e.getMessage(), e);
                }
            }
        });
    }

    // ---- the leader side, called by client threads ---------------------------------------

    /** The live branch of {@code branch}, begun here when this is its first statement. */
    LiveBranch branch(TxnBranch branch, boolean create) throws SQLException {
        requireServing();
        LiveBranch b = open.get(branch);
        if (b != null || !create) {
            if (b == null) {
                throw new SQLException("transaction branch " + branch.transactionId() + " is not open on partition "
                        + partition + " (it ended, or the partition's leader changed)", "25000");
            }
            return b;
        }
        if (lost.containsKey(branch)) {
            throw new NotLeaderException(partition, leaderHint);
        }
        LiveBranch created = new LiveBranch(branch, stores.store(partition).borrow());
        LiveBranch raced = open.putIfAbsent(branch, created);
        if (raced != null) {
            created.rollback();
            return raced;
        }
        if (!serving) { // lost the leadership while beginning: the roll-back pass may have missed it
            open.remove(branch);
            created.rollback();
            throw new NotLeaderException(partition, leaderHint);
        }
        return created;
    }

    LiveBranch remove(TxnBranch branch) {
        return open.remove(branch);
    }

    boolean hasBranch(TxnBranch branch) {
        return open.containsKey(branch);
    }

    /** Whether {@code branch} was rolled back because the leadership moved (nothing of it committed). */
    boolean lostToLeaderChange(TxnBranch branch) {
        return lost.containsKey(branch);
    }

    /** Registers a sealed branch's write set before it is proposed; the future completes when it is applied. */
    CompletableFuture<Long> expect(ProposalId id, LiveBranch branch) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        proposed.put(id, new Pending(branch, done));
        return done;
    }

    /** The proposal was refused or overwritten: nothing of it will ever apply. */
    void abandon(ProposalId id, Throwable why) {
        Pending p = proposed.remove(id);
        if (p != null) {
            p.branch().rollback();
            p.done().completeExceptionally(why);
        }
    }

    void requireServing() {
        if (diverged != null) {
            throw new NotLeaderException(partition, 0);
        }
        if (!serving) {
            throw new NotLeaderException(partition, leaderHint);
        }
    }

    /** Rolls back branches idle longer than {@code limit}: their gateway is gone or stuck. */
    void expireIdle(Duration limit) {
        for (LiveBranch b : List.copyOf(open.values())) {
            if (b.idleNanos() > limit.toNanos() && open.remove(b.id(), b)) {
                LOG.warning(() -> "partition " + partition + ": rolled back idle branch " + b.id().transactionId());
                b.rollback();
            }
        }
    }

    // ---- two-phase commit, read by the leader service ---------------------------------------

    /** Whether {@code transactionId} is prepared here and not finished. */
    boolean isPrepared(String transactionId) {
        return prepared.containsKey(transactionId);
    }

    /** The recorded outcome of {@code transactionId} (true: commit), if this home partition has one. */
    java.util.Optional<Boolean> decision(String transactionId) throws SQLException {
        Boolean cached = decided.get(transactionId);
        if (cached != null) {
            return java.util.Optional.of(cached);
        }
        PartitionSession s = borrow();
        try {
            return TwoPhaseTables.decision(s.connection(), transactionId);
        } finally {
            s.release();
        }
    }

    /** Transactions prepared here longer than {@code limit} ago: their coordinator may be gone. */
    List<TwoPhaseTables.Prepared> preparedLongerThan(Duration limit) {
        List<TwoPhaseTables.Prepared> out = new ArrayList<>();
        long now = System.nanoTime();
        for (PreparedTxn t : prepared.values()) {
            if (now - t.sinceNanos > limit.toNanos()) {
                out.add(t.stored);
            }
        }
        return out;
    }

    /** Waits until this replica has applied {@code index}; false on time-out. */
    boolean awaitApplied(long index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (appliedMonitor) {
            while (applied < index) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || diverged != null) {
                    return false;
                }
                appliedMonitor.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    PartitionChecksum checksum(long checkId) {
        return checksums.get(checkId);
    }

    PartitionSession borrow() throws SQLException {
        return stores.store(partition).borrow();
    }

    // ---- snapshots -------------------------------------------------------------------------

    /**
     * The newest snapshot on disk, and a new one started in the background when the replica
     * has applied past it: the Raft host asks every so many entries, and must not wait for a
     * backup on its loop thread.
     */
    PartitionSnapshots.SnapshotFile snapshot() {
        var latest = snapshots.latest(partition);
        if (!snapshotting && diverged == null && latest.map(f -> f.index() < applied).orElse(applied > 0)) {
            snapshotting = true;
            tasks.add(() -> {
                try {
                    snapshots.take(partition, applied);
                } catch (SQLException | java.io.IOException e) {
                    LOG.log(Level.WARNING, "partition " + partition + ": snapshot failed", e);
                } finally {
                    snapshotting = false;
                }
            });
        }
        return latest.orElse(null);
    }

    /**
     * Replaces this replica's database with a snapshot from the leader, after every entry
     * queued before it was applied, and returns once the new database is in place (the host
     * then records that the log before it is gone).
     */
    void install(SnapshotMeta meta, SnapshotSource data) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                var file = snapshots.keep(partition, meta.index(), data);
                java.nio.file.Path dir = stores.store(partition).directory();
                java.nio.file.Path restored = dir.resolveSibling(dir.getFileName() + ".restore");
                PartitionSnapshots.unpack(file.file(), restored);
                rollBackLiveBranches("a snapshot replaces the partition");
                stores.replace(partition, restored);
                PartitionSession s = stores.store(partition).borrow();
                long inside;
                try {
                    inside = AppliedIndexTable.read(s.connection());
                    TwoPhaseTables.open(s.connection());
                    loadTwoPhaseState(s.connection());
                } finally {
                    s.release();
                }
                if (inside != meta.index()) {
                    throw new IllegalStateException("the snapshot for index " + meta.index()
                            + " holds the state of index " + inside);
                }
                diverged = null;
                advanced(inside, true);
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing a snapshot of partition " + partition, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot install the snapshot of partition " + partition + " at index "
                    + meta.index() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    // ---- the apply thread ----------------------------------------------------------------

    private void run() {
        while (running) {
            try {
                tasks.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "partition " + partition + ": apply task failed", e);
            }
        }
    }

    private void applyAll(List<Entry> committed) {
        if (diverged != null) {
            return;
        }
        ReplayBatch batch = new ReplayBatch();
        try {
            for (Entry entry : committed) {
                if (entry.index() <= applied) {
                    continue;
                }
                applyOne(entry, batch);
                if (batch.size() >= MAX_BATCH) {
                    batch.flush();
                }
            }
            batch.flush();
        } catch (SQLException | RuntimeException e) {
            batch.abort();
            stopApplying("entry after index " + applied + " failed to apply: " + e.getMessage(), e);
        }
    }

    private void stopApplying(String why, Exception e) {
        diverged = why;
        serving = false;
        LOG.log(Level.SEVERE, "partition " + partition + " stopped applying: " + diverged, e);
        wakeWaiters();
    }

    private void applyOne(Entry entry, ReplayBatch batch) throws SQLException {
        if (entry.kind() != Entry.Kind.COMMAND) {
            batch.advanceTo(entry.index());
            if (entry.kind() == Entry.Kind.NOOP) {
                lastNoopTerm = entry.term();
                if (leader && entry.term() == term) {
                    batch.flush();
                    retakePrepared();
                    serving = true; // every entry of earlier terms is applied, prepared locks held again
                }
            }
            return;
        }
        PartitionCommand command = PartitionCommandCodec.decode(entry.data());
        if (command instanceof PartitionCommand.Commit commit) {
            Pending pending = proposed.remove(commit.writes().proposalId());
            String recordedAs = commit.recordedAs();
            if (recordedAs != null && hasDecision(batch.connection(), recordedAs)) {
                discardSettled(recordedAs, pending, entry.index(), batch);
                return;
            }
            if (pending != null && pending.branch().isLive()) {
                batch.flush();
                pending.branch().commitAt(entry.index(), recordedAs);
                if (recordedAs != null) {
                    decided.put(recordedAs, true);
                }
                advanced(entry.index(), pending.branch().hasDdl());
                pending.done().complete(entry.index());
                return;
            }
            int mismatch = WriteSetRunner.replay(batch.connection(), commit.writes());
            if (mismatch >= 0) {
                throw new IllegalStateException("statement " + (mismatch + 1) + " of entry " + entry.index()
                        + " changed a different number of rows than on the leader: the replica diverged");
            }
            if (recordedAs != null) {
                TwoPhaseTables.decide(batch.connection(), recordedAs, true, entry.index());
                decided.put(recordedAs, true);
            }
            batch.advanceTo(entry.index());
            batch.ddl |= commit.writes().statements().stream().anyMatch(s -> s.kind() == WriteSet.Kind.DDL);
            if (pending != null) {
                batch.flush();
                pending.done().complete(entry.index());
            }
        } else if (command instanceof PartitionCommand.Prepare prepare) {
            applyPrepare(prepare, entry.index(), batch);
        } else if (command instanceof PartitionCommand.Decide decide) {
            Connection c = batch.connection();
            if (!hasDecision(c, decide.transactionId())) { // the first decision stands
                TwoPhaseTables.decide(c, decide.transactionId(), decide.commit(), entry.index());
                decided.put(decide.transactionId(), decide.commit());
            }
            batch.advanceTo(entry.index());
        } else if (command instanceof PartitionCommand.Finish finish) {
            applyFinish(finish, entry.index(), batch);
        } else if (command instanceof PartitionCommand.Checksum check) {
            batch.flush(); // everything before the entry is committed, and the answer is ready
            checksum(check.checkId(), entry.index()); // before the index is, for those waiting on it
            batch.advanceTo(entry.index());
            batch.flush();
        }
    }

    private boolean hasDecision(Connection c, String transactionId) throws SQLException {
        return decided.containsKey(transactionId) || TwoPhaseTables.decision(c, transactionId).isPresent();
    }

    /**
     * A recorded commit that arrives after an outcome was already recorded for its transaction
     * (an abort, by a client settling an unknown outcome): the first outcome stands, so the
     * writes are dropped, and the leader that proposed them rolls its branch back and says so.
     */
    private void discardSettled(String transactionId, Pending pending, long index, ReplayBatch batch) {
        batch.advanceTo(index);
        if (pending != null) {
            pending.branch().rollback();
            pending.done().completeExceptionally(new DistDataException(ErrorCode.TXN_CONFLICT, "transaction "
                    + transactionId + " was aborted before its commit reached partition " + partition
                    + " (its outcome had been settled as an abort); nothing was changed"));
        }
    }

    private void applyPrepare(PartitionCommand.Prepare prepare, long index, ReplayBatch batch) throws SQLException {
        Pending pending = proposed.remove(prepare.writes().proposalId());
        String txn = prepare.transactionId();
        if (!prepared.containsKey(txn)) {
            TwoPhaseTables.prepare(batch.connection(), prepare);
        }
        batch.advanceTo(index);
        LiveBranch live = pending != null && pending.branch().isLive() ? pending.branch() : null;
        prepared.putIfAbsent(txn, new PreparedTxn(new TwoPhaseTables.Prepared(txn, prepare.home(), prepare.writes()),
                live));
        if (pending != null) {
            batch.flush();
            pending.done().complete(index); // prepared durably; a new leader re-takes the locks if this one lost them
        }
    }

    private void applyFinish(PartitionCommand.Finish finish, long index, ReplayBatch batch) throws SQLException {
        String txn = finish.transactionId();
        PreparedTxn t = prepared.get(txn);
        if (t == null) { // never prepared here, or finished already
            batch.advanceTo(index);
            return;
        }
        LiveBranch live = t.live;
        if (live != null && live.isLive()) {
            batch.flush();
            if (finish.commit()) {
                live.commitPreparedAt(index, txn);
                prepared.remove(txn);
                advanced(index, live.hasDdl());
                return;
            }
            live.rollback();
        } else if (finish.commit()) {
            int mismatch = WriteSetRunner.replay(batch.connection(), t.stored.writes());
            if (mismatch >= 0) {
                throw new IllegalStateException("statement " + (mismatch + 1) + " of prepared transaction " + txn
                        + " changed a different number of rows than on the leader: the replica diverged");
            }
            batch.ddl |= t.stored.writes().statements().stream().anyMatch(s -> s.kind() == WriteSet.Kind.DDL);
        }
        TwoPhaseTables.forget(batch.connection(), txn);
        batch.advanceTo(index);
        prepared.remove(txn);
    }

    /**
     * On a new leader: runs the write set of every prepared transaction again in a live
     * transaction that is kept open, so that the transaction's locks are held before anything
     * else runs and its writes commit at {@code Finish} as on the old leader.
     */
    private void retakePrepared() throws SQLException {
        for (PreparedTxn t : prepared.values()) {
            if (t.live != null && t.live.isLive()) {
                continue;
            }
            WriteSet writes = t.stored.writes();
            LiveBranch b = new LiveBranch(new TxnBranch(t.stored.transactionId(), partition), borrow());
            try {
                for (WriteSet.Statement st : writes.statements()) {
                    long n = b.update(st.kind(), st.sql(), st.rows());
                    if (n != st.updateCount()) {
                        throw new IllegalStateException("prepared transaction " + t.stored.transactionId()
                                + " changed a different number of rows when its locks were re-taken: the replica diverged");
                    }
                }
                b.seal(writes.proposalId());
            } catch (SQLException | RuntimeException e) {
                b.rollback();
                throw e;
            }
            t.live = b;
        }
    }

    private void loadTwoPhaseState(Connection c) throws SQLException {
        prepared.clear();
        decided.clear();
        TwoPhaseTables.prepared(c).forEach((txn, p) -> prepared.put(txn, new PreparedTxn(p, null)));
    }

    /**
     * Checksums the committed state at {@code index}, reading without locks: nothing else
     * writes to a follower, and on the leader the scan would otherwise wait for live branches
     * whose commits queue behind this very entry. With live branches open the leader's
     * uncommitted rows would be seen, so it answers "busy" instead and the check asks again.
     */
    private void checksum(long checkId, long index) throws SQLException {
        if (!open.isEmpty() || !proposed.isEmpty() || prepared.values().stream().anyMatch(t -> t.live != null)) {
            checksumErrors.put(checkId, "busy: transactions are open at the leader of partition " + partition
                    + "; ask again");
            return;
        }
        PartitionSession s = stores.store(partition).borrow();
        try {
            Connection c = s.connection();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            checksums.put(checkId, PartitionChecksum.of(c, index));
        } finally {
            s.release();
        }
    }

    String checksumError(long checkId) {
        return checksumErrors.get(checkId);
    }

    private void rollBackLiveBranches(String why) {
        for (LiveBranch b : List.copyOf(open.values())) {
            open.remove(b.id());
            lost.put(b.id(), Boolean.TRUE);
            b.rollback();
        }
        // proposed branches: their entries may still commit; they are then re-run, and the client answered
        for (Pending p : proposed.values()) {
            p.branch().rollback();
        }
        // prepared transactions stay prepared: the next leader re-takes their locks
        for (PreparedTxn t : prepared.values()) {
            LiveBranch live = t.live;
            t.live = null;
            if (live != null) {
                live.rollback();
            }
        }
        LOG.fine(() -> "partition " + partition + ": live branches rolled back, " + why);
    }

    private void advanced(long index, boolean ddl) {
        synchronized (appliedMonitor) {
            applied = index;
            appliedMonitor.notifyAll();
        }
        if (ddl) {
            schemaChanged.run();
        }
    }

    private void wakeWaiters() {
        synchronized (appliedMonitor) {
            appliedMonitor.notifyAll();
        }
    }

    /** Entries re-run together in one Derby transaction, committed with the last index. */
    private final class ReplayBatch {
        private PartitionSession session;
        private long last;
        private int size;
        boolean ddl;

        Connection connection() throws SQLException {
            if (session == null) {
                session = stores.store(partition).borrow();
                session.connection().setAutoCommit(false);
            }
            size++;
            return session.connection();
        }

        int size() {
            return size;
        }

        void advanceTo(long index) {
            last = index;
        }

        void flush() throws SQLException {
            if (last <= applied) {
                return;
            }
            Connection c = connection();
            AppliedIndexTable.write(c, last);
            c.commit();
            session.release();
            session = null;
            size = 0;
            advanced(last, ddl);
            ddl = false;
        }

        void abort() {
            if (session != null) {
                try {
                    session.connection().rollback();
                } catch (SQLException ignored) {
                    // released below
                }
                session.release();
                session = null;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rollBackLiveBranches("the node is closing");
        proposed.values().forEach(p -> p.done().completeExceptionally(
                new IllegalStateException("partition " + partition + " closed before the write committed")));
    }
}
