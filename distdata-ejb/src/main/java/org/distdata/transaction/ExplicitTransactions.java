package org.distdata.transaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import org.distdata.clock.HybridClock;
import org.distdata.clock.TransactionIds;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.WriteTransaction;
import org.distdata.relation.SqlResult;
import org.distdata.sql.DistributedSqlEngine;
import org.distdata.sql.SqlStatement;

/**
 * The explicit transactions this node began (API.md, Transactions): a client begins one, sends
 * statements in it across requests, and ends it by commit or rollback. A transaction lives on
 * the node that began it — its id names that node ({@link TransactionIds}) — and a request
 * for it at another node is told where to go ({@code MISDIRECTED}).
 *
 * <p>Rules:
 * <ul>
 *   <li>One statement at a time per transaction; each renews its idle deadline. A transaction
 *       idle longer than the limit is rolled back ({@link #expireIdle}).</li>
 *   <li>A failed statement rolls the whole transaction back, as PostgreSQL does: its effects
 *       on partitions it reached cannot be told apart from the rest.</li>
 *   <li>A commit whose outcome is not known (a partition lost its quorum while committing)
 *       is settled from what the partitions recorded: a recorded commit stands, else an abort
 *       is recorded where the commit would be, so none can follow. What cannot be settled yet
 *       is answered {@code TIMEOUT}, and {@link #status} settles it later.</li>
 *   <li>Ended transactions are remembered for {@link #KEEP_ENDED}, so a client can ask how one
 *       ended; one begun before this node restarted is settled from the partitions.</li>
 * </ul>
 */
public final class ExplicitTransactions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExplicitTransactions.class.getName());
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(60);
    static final Duration KEEP_ENDED = Duration.ofHours(1);
    static final int MAX_ENDED = 100_000;

    private static final class Txn {
        final String id;
        final String user;
        final WriteTransaction work;
        final ReentrantLock lock = new ReentrantLock();
        volatile TransactionStatus status = TransactionStatus.ACTIVE;
        volatile long lastUsedMillis;
        volatile String reason;
        OptionalInt decisionPartition = OptionalInt.empty();

        Txn(String id, String user, WriteTransaction work, long now) {
            this.id = id;
            this.user = user;
            this.work = work;
            this.lastUsedMillis = now;
        }
    }

    private record Ended(TransactionState state, String user, long endedMillis) {
    }

    private final String nodeName;
    private final HybridClock ids;
    private final DistributedSqlEngine engine;
    private final TransactionNodes nodes;
    private final Clock clock;
    private final Duration idle;
    private final long startedMillis;
    private final Map<String, Txn> active = new ConcurrentHashMap<>();
    private final Map<String, Ended> ended = new LinkedHashMap<>();

    public ExplicitTransactions(String nodeName, HybridClock ids, DistributedSqlEngine engine, TransactionNodes nodes,
                                Clock clock, Duration idle) {
        this.nodeName = nodeName;
        this.ids = ids;
        this.engine = engine;
        this.nodes = nodes;
        this.clock = clock;
        this.idle = idle;
        this.startedMillis = clock.millis();
    }

    /** Begins a transaction for {@code user}: only that user may use it. */
    public TransactionState begin(String user) {
        String id = TransactionIds.of(nodeName, ids.now());
        Txn t = new Txn(id, user, engine.beginExplicit(id), clock.millis());
        active.put(id, t);
        return stateOf(t);
    }

    /** Runs one statement in transaction {@code id}. */
    public SqlResult execute(String id, String user, SqlStatement statement) {
        return run(id, user, List.of(statement)).get(0);
    }

    /** Runs statements in order in transaction {@code id}; one failing rolls the transaction back. */
    public List<SqlResult> executeBatch(String id, String user, List<SqlStatement> statements) {
        return run(id, user, statements);
    }

    private List<SqlResult> run(String id, String user, List<SqlStatement> statements) {
        Txn t = open(id, user);
        t.lock.lock();
        try {
            requireActive(t);
            t.lastUsedMillis = clock.millis();
            try {
                return engine.executeIn(t.work, statements);
            } catch (DistDataException e) {
                abort(t, "a statement failed: " + e.detail());
                throw withStatus(e, TransactionStatus.ABORTED);
            } catch (RuntimeException e) {
                abort(t, "a statement failed: " + e);
                throw e;
            } finally {
                t.lastUsedMillis = clock.millis();
            }
        } finally {
            t.lock.unlock();
        }
    }

    private void abort(Txn t, String reason) {
        t.work.rollback();
        end(t, TransactionStatus.ABORTED, reason);
    }

    /**
     * Commits transaction {@code id}: every write it made becomes visible at once, or none. A
     * commit repeated after success answers COMMITTED again.
     */
    public TransactionState commit(String id, String user) {
        Txn t = find(id, user);
        if (t == null) {
            return endedOrMissing(id, user, TransactionStatus.COMMITTED);
        }
        t.lock.lock();
        try {
            if (t.status == TransactionStatus.COMMITTED) {
                return stateOf(t);
            }
            requireActive(t);
            t.status = TransactionStatus.PREPARING;
            try {
                t.work.commit();
                t.decisionPartition = t.work.decisionPartition();
                end(t, TransactionStatus.COMMITTED, null);
                return stateOf(t);
            } catch (java.sql.SQLException e) {
                DistDataException d = org.distdata.error.ErrorTranslator.translate(e);
                end(t, TransactionStatus.ABORTED, "its commit failed: " + d.detail());
                throw withStatus(d, TransactionStatus.ABORTED);
            } catch (DistDataException e) {
                t.decisionPartition = t.work.decisionPartition();
                return afterFailedCommit(t, e);
            } catch (RuntimeException e) {
                end(t, TransactionStatus.ABORTED, "its commit failed: " + e);
                throw e;
            }
        } finally {
            t.lock.unlock();
        }
    }

    /**
     * A commit that failed: the errors that say nothing was committed end the transaction as
     * aborted; any other (a lost quorum, a time-out) leaves the outcome to be settled from the
     * partitions, now or — when that cannot be done yet — at the client's next {@link #status}.
     */
    private TransactionState afterFailedCommit(Txn t, DistDataException e) {
        if (nothingCommitted(e) || t.decisionPartition.isEmpty()) {
            end(t, TransactionStatus.ABORTED, "its commit failed: " + e.detail());
            throw withStatus(e, TransactionStatus.ABORTED);
        }
        t.reason = "its commit met: " + e.detail();
        Optional<Boolean> outcome = settle(t);
        if (outcome.isEmpty()) {
            throw new DistDataException(ErrorCode.TIMEOUT, "the outcome of transaction " + t.id + " is not known yet ("
                    + e.detail() + "); ask GET /api/v1/transactions/" + t.id + " until it says COMMITTED or ABORTED",
                    e, Map.of("transactionId", t.id, "transactionStatus", TransactionStatus.PREPARING.name()));
        }
        if (outcome.get()) {
            return stateOf(t);
        }
        throw withStatus(new DistDataException(ErrorCode.TXN_CONFLICT, "transaction " + t.id
                + " was aborted: its commit did not complete (" + e.detail() + "); nothing was changed", e),
                TransactionStatus.ABORTED);
    }

    private static boolean nothingCommitted(DistDataException e) {
        return switch (e.code()) {
            case TXN_CONFLICT, SQL_SYNTAX, SQL_SEMANTIC, CONSTRAINT_VIOLATION, BAD_REQUEST -> true;
            default -> false;
        };
    }

    /** Records the settled outcome of {@code t}, if the partitions can tell it now. */
    private Optional<Boolean> settle(Txn t) {
        Optional<Boolean> outcome = engine.settle(t.id, t.decisionPartition);
        outcome.ifPresent(commit -> end(t, commit ? TransactionStatus.COMMITTED : TransactionStatus.ABORTED,
                commit ? null : t.reason));
        return outcome;
    }

    /** Rolls transaction {@code id} back; repeated, it answers ROLLED_BACK again. */
    public TransactionState rollback(String id, String user) {
        Txn t = find(id, user);
        if (t == null) {
            return endedOrMissing(id, user, TransactionStatus.ROLLED_BACK);
        }
        t.lock.lock();
        try {
            if (t.status == TransactionStatus.ROLLED_BACK) {
                return stateOf(t);
            }
            requireActive(t);
            t.work.rollback();
            end(t, TransactionStatus.ROLLED_BACK, null);
            return stateOf(t);
        } finally {
            t.lock.unlock();
        }
    }

    /**
     * Where transaction {@code id} stands. This node answers for its own transactions — also
     * for one begun before it restarted, settled from the partitions — and for those of a node
     * that is down; a live owner is named instead.
     */
    public TransactionState status(String id, String user) {
        String owner = ownerOf(id);
        if (!owner.equals(nodeName)) {
            if (nodes.isUp(owner)) {
                throw misdirected(id, owner);
            }
            return settledFromPartitions(id, owner);
        }
        Txn t = find(id, user);
        if (t != null) {
            if (t.status == TransactionStatus.PREPARING && t.lock.tryLock()) {
                try {
                    if (t.status == TransactionStatus.PREPARING) {
                        settle(t); // a commit that ended with its outcome unknown
                    }
                } finally {
                    t.lock.unlock();
                }
            }
            return stateOf(t);
        }
        Ended e = endedState(id, user);
        if (e != null) {
            return e.state();
        }
        if (HybridClock.millisOf(timestampOf(id)) >= startedMillis) {
            throw notFound(id, "no transaction " + id + " was begun on this node");
        }
        return settledFromPartitions(id, owner);
    }

    /** A transaction whose owner lost it (a restart) or is down: its outcome, settled from every partition. */
    private TransactionState settledFromPartitions(String id, String owner) {
        Optional<Boolean> outcome = engine.settle(id, OptionalInt.empty());
        if (outcome.isEmpty()) {
            throw notFound(id, "transaction " + id + " is not known here and its outcome could not be read from the "
                    + "partitions (a partition without quorum, or a node running alone); ask again later");
        }
        TransactionState state = new TransactionState(id, outcome.get() ? TransactionStatus.COMMITTED
                : TransactionStatus.ABORTED, nodes.apiUrl(owner).orElse(null), null,
                outcome.get() ? null : "its node stopped before it committed");
        if (owner.equals(nodeName)) {
            remember(state, null);
        }
        return state;
    }

    /**
     * Rolls back every transaction idle longer than the limit (status ABORTED, reason
     * "expired"); a transaction running a statement is never idle. Returns how many ended.
     */
    public int expireIdle() {
        long now = clock.millis();
        int expired = 0;
        for (Txn t : List.copyOf(active.values())) {
            boolean stale = t.status == TransactionStatus.ACTIVE && now - t.lastUsedMillis > idle.toMillis();
            boolean unsettled = t.status == TransactionStatus.PREPARING;
            if (!(stale || unsettled) || !t.lock.tryLock()) {
                continue;
            }
            try {
                if (t.status == TransactionStatus.PREPARING) {
                    settle(t); // a commit whose outcome was not known when its client was answered
                } else if (t.status == TransactionStatus.ACTIVE && clock.millis() - t.lastUsedMillis > idle.toMillis()) {
                    abort(t, "expired: idle longer than " + idle.toSeconds() + " s");
                    LOG.info(() -> "rolled back transaction " + t.id + ": idle longer than " + idle.toSeconds() + " s");
                    expired++;
                }
            } catch (RuntimeException e) {
                LOG.warning(() -> "transaction " + t.id + ": " + e.getMessage());
            } finally {
                t.lock.unlock();
            }
        }
        forgetOldEnded(now);
        return expired;
    }

    /** Transactions open on this node now (ACTIVE or committing). */
    public int activeCount() {
        return active.size();
    }

    @Override
    public void close() {
        for (Txn t : List.copyOf(active.values())) {
            if (t.status == TransactionStatus.ACTIVE) {
                abort(t, "its node shut down");
            }
        }
    }

    // ---- lookups -----------------------------------------------------------------------------

    /** The active transaction {@code id} of this node, for a statement in it. */
    private Txn open(String id, String user) {
        Txn t = find(id, user);
        if (t == null) {
            Ended e = endedState(id, user);
            throw notFound(id, e == null ? "no transaction " + id + " is open on this node (it may have restarted)"
                    : endedDetail(e.state()));
        }
        return t;
    }

    /**
     * Transaction {@code id} of {@code user} if it is open here; a transaction of another node
     * is sent there, and another user's is not seen at all.
     */
    private Txn find(String id, String user) {
        String owner = ownerOf(id);
        if (!owner.equals(nodeName)) {
            throw misdirected(id, owner);
        }
        Txn t = active.get(id);
        return t != null && t.user.equals(user) ? t : null;
    }

    private TransactionState endedOrMissing(String id, String user, TransactionStatus asked) {
        Ended e = endedState(id, user);
        if (e != null && e.state().status() == asked) {
            return e.state();
        }
        throw notFound(id, e == null ? "no transaction " + id + " is open on this node (it may have restarted)"
                : endedDetail(e.state()));
    }

    private void requireActive(Txn t) {
        if (t.status != TransactionStatus.ACTIVE) {
            throw notFound(t.id, endedDetail(stateOf(t)));
        }
    }

    private String ownerOf(String id) {
        String owner = TransactionIds.owner(id).orElseThrow(() -> notFound(id, "'" + id
                + "' is not a transaction id (node name, '-', 16 hex digits)"));
        if (!owner.equals(nodeName) && !nodes.isMember(owner)) {
            throw notFound(id, "no node named '" + owner + "' began transaction " + id);
        }
        return owner;
    }

    private static long timestampOf(String id) {
        return Long.parseUnsignedLong(id.substring(id.lastIndexOf('-') + 1), 16);
    }

    // ---- state -------------------------------------------------------------------------------

    private void end(Txn t, TransactionStatus status, String reason) {
        t.status = status;
        t.reason = reason;
        active.remove(t.id, t);
        remember(stateOf(t), t.user);
    }

    /** Keeps how a transaction ended; {@code user} null: anyone may read it (an outcome settled for anyone). */
    private void remember(TransactionState state, String user) {
        synchronized (ended) {
            ended.remove(state.transactionId());
            ended.put(state.transactionId(), new Ended(state, user, clock.millis()));
            if (ended.size() > MAX_ENDED) {
                ended.remove(ended.keySet().iterator().next());
            }
        }
    }

    private Ended endedState(String id, String user) {
        synchronized (ended) {
            Ended e = ended.get(id);
            return e != null && (e.user() == null || e.user().equals(user)) ? e : null;
        }
    }

    private void forgetOldEnded(long now) {
        synchronized (ended) {
            var it = ended.values().iterator();
            while (it.hasNext() && now - it.next().endedMillis() > KEEP_ENDED.toMillis()) {
                it.remove();
            }
        }
    }

    private TransactionState stateOf(Txn t) {
        Instant expires = t.status == TransactionStatus.ACTIVE ? Instant.ofEpochMilli(t.lastUsedMillis).plus(idle) : null;
        return new TransactionState(t.id, t.status, nodes.apiUrl(nodeName).orElse(null), expires, t.reason);
    }

    // ---- errors ------------------------------------------------------------------------------

    private static String endedDetail(TransactionState s) {
        return "transaction " + s.transactionId() + " has ended: " + s.status()
                + (s.reason() != null ? " (" + s.reason() + ")" : "") + "; begin a new one";
    }

    private DistDataException misdirected(String id, String owner) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("transactionId", id);
        nodes.apiUrl(owner).ifPresent(url -> ext.put("node", url));
        return new DistDataException(ErrorCode.MISDIRECTED, "transaction " + id + " lives on node " + owner
                + "; send its requests there", null, ext);
    }

    private static DistDataException notFound(String id, String detail) {
        return new DistDataException(ErrorCode.TXN_NOT_FOUND, detail, null, Map.of("transactionId", id));
    }

    private static DistDataException withStatus(DistDataException e, TransactionStatus status) {
        Map<String, Object> ext = new LinkedHashMap<>(e.extensions());
        ext.put("transactionStatus", status.name());
        return new DistDataException(e.code(), e.detail(), e.getCause() != null ? e.getCause() : e, ext);
    }
}
