package org.distdata.replication;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

import org.distdata.raft.ReadState;

/**
 * Linearizable reads waiting for their leader to confirm them, by request id. A read is
 * confirmed by a {@link ReadState}, fails when its leader steps down (the Raft core forgets
 * it), and fails with {@link NoQuorumException} once its deadline passes, so a leader cut off
 * from its quorum never leaves a reader hanging. Used only on the host's loop thread.
 */
final class PendingReads {

    private record Pending(long group, CompletableFuture<Long> result, long deadlineNanos) {
    }

    private final Map<Long, Pending> byId = new TreeMap<>();
    private final long timeoutNanos;
    private long lastId;

    PendingReads(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Registers a read started at {@code nowNanos}; returns its request id for the Raft core. */
    long add(long group, CompletableFuture<Long> result, long nowNanos) {
        long id = ++lastId;
        byId.put(id, new Pending(group, result, nowNanos + timeoutNanos));
        return id;
    }

    void forget(long id) {
        byId.remove(id);
    }

    void confirmed(List<ReadState> states) {
        for (ReadState state : states) {
            Pending p = byId.remove(state.requestId());
            if (p != null) {
                p.result().complete(state.index());
            }
        }
    }

    void expire(long nowNanos) {
        Iterator<Pending> it = byId.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (nowNanos - p.deadlineNanos() >= 0) {
                p.result().completeExceptionally(new NoQuorumException(p.group(), timeoutNanos / 1_000_000));
                it.remove();
            }
        }
    }

    /** Fails the reads of {@code group} (or of all groups when null) with what {@code cause} makes for it. */
    void failAll(Long group, LongFunction<Throwable> cause) {
        Iterator<Pending> it = byId.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (group == null || group == p.group()) {
                p.result().completeExceptionally(cause.apply(p.group()));
                it.remove();
            }
        }
    }
}
