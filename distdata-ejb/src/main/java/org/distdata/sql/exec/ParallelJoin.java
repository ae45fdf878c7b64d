package org.distdata.sql.exec;

import org.distdata.relation.Relation;
import org.distdata.sql.plan.JoinKind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link HashJoin} spread over a few threads, in the two shapes a distributed plan needs.
 * Partitioned: both sides were repartitioned on the join key by {@link Exchange}, so bucket i
 * of the left joins bucket i of the right alone. Broadcast: the right side is small, so it is
 * hashed once and every left partition probes that one table. Either way the result is the
 * single-threaded join's, as a multiset, concatenated in bucket (partition) order.
 *
 * <p>The threads are a small shared pool of daemon threads, not container threads: the work is
 * pure CPU over rows already in memory, and a statement waits for its own tasks only.
 */
public final class ParallelJoin {
    /** Threads in the shared pool: the machine's cores, kept between 2 and 4. */
    static final int THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private ParallelJoin() {
    }

    /** Joins {@code leftBuckets.get(i)} with {@code rightBuckets.get(i)} for every i, in parallel. */
    public static Relation partitioned(List<Relation> leftBuckets, List<Relation> rightBuckets,
                                       int[] leftKeys, int[] rightKeys, JoinKind kind) {
        if (leftBuckets.isEmpty() || leftBuckets.size() != rightBuckets.size()) {
            throw new IllegalArgumentException("a partitioned join needs the same number of buckets on both sides");
        }
        Relation left0 = leftBuckets.get(0);
        Relation right0 = rightBuckets.get(0);
        HashJoin.checkKeys(left0, right0, leftKeys, rightKeys, kind);
        // NOT IN looks at the whole right side: one NULL key anywhere empties every bucket's result.
        boolean rightEmpty = true;
        boolean rightHasNullKey = false;
        if (kind == JoinKind.NULL_AWARE_ANTI) {
            for (Relation r : rightBuckets) {
                rightEmpty &= r.rows().isEmpty();
                for (Object[] row : r.rows()) {
                    if (row[rightKeys[0]] == null) {
                        rightHasNullKey = true;
                        break;
                    }
                }
            }
        }
        boolean empty = rightEmpty;
        boolean hasNull = rightHasNullKey;
        List<Callable<List<Object[]>>> tasks = new ArrayList<>(leftBuckets.size());
        for (int i = 0; i < leftBuckets.size(); i++) {
            Relation left = leftBuckets.get(i);
            Relation right = rightBuckets.get(i);
            tasks.add(() -> HashJoin.probe(left.rows(), left.width(), leftKeys,
                    JoinTable.build(right.rows(), rightKeys), right.width(), kind, empty, hasNull));
        }
        return new Relation(HashJoin.outputColumns(left0, right0, kind), runAll(tasks));
    }

    /** Joins every one of {@code leftPartitions} with {@code right}, hashing {@code right} once. */
    public static Relation broadcast(List<Relation> leftPartitions, Relation right,
                                     int[] leftKeys, int[] rightKeys, JoinKind kind) {
        if (leftPartitions.isEmpty()) {
            throw new IllegalArgumentException("a broadcast join needs at least one left partition");
        }
        Relation left0 = leftPartitions.get(0);
        HashJoin.checkKeys(left0, right, leftKeys, rightKeys, kind);
        JoinTable table = JoinTable.build(right.rows(), rightKeys);
        boolean empty = table.size() == 0;
        boolean hasNull = table.nullKeyRows() > 0;
        List<Callable<List<Object[]>>> tasks = new ArrayList<>(leftPartitions.size());
        for (Relation left : leftPartitions) {
            tasks.add(() -> HashJoin.probe(left.rows(), left.width(), leftKeys, table, right.width(), kind,
                    empty, hasNull));
        }
        return new Relation(HashJoin.outputColumns(left0, right, kind), runAll(tasks));
    }

    /** Runs {@code tasks} on the shared pool and concatenates their rows in task order. */
    private static List<Object[]> runAll(List<Callable<List<Object[]>>> tasks) {
        List<List<Object[]>> parts = new ArrayList<>(tasks.size());
        try {
            if (tasks.size() == 1) {
                parts.add(tasks.get(0).call());
            } else {
                for (Future<List<Object[]>> f : Pool.EXECUTOR.invokeAll(tasks)) {
                    parts.add(f.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("join interrupted");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (Exception e) {
            throw rethrow(e);
        }
        int total = 0;
        for (List<Object[]> p : parts) {
            total += p.size();
        }
        List<Object[]> rows = new ArrayList<>(total);
        for (List<Object[]> p : parts) {
            rows.addAll(p);
        }
        return rows;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("join task failed: " + t, t);
    }

    /** The shared pool, created on first use; daemon threads, so it never holds the JVM open. */
    private static final class Pool {
        private static final AtomicInteger COUNT = new AtomicInteger();
        static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "distdata-join-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
