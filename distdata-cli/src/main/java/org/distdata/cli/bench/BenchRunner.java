package org.distdata.cli.bench;

import org.HdrHistogram.Histogram;
import org.distdata.cli.generate.Order;
import org.distdata.cli.generate.SampleDataGenerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one workload against one target with N client threads (a fixed pool: Java 17 has
 * no virtual threads), each with its own session, for a duration or a total number of
 * operations, after an unrecorded warm-up. Each thread records its latencies in its own
 * HdrHistogram; the histograms are added up at the end, so measuring costs no locking.
 */
public final class BenchRunner {

    /** How long and how much to run: a duration, or a total operation count when {@code requests > 0}. */
    public record Plan(int clients, Duration duration, long requests, Duration warmup, int preloadRows,
                       int importBatch, long seed) {
    }

    private final BenchTarget target;
    private final Plan plan;
    /** The next unused primary key: inserts and imports take ids from here, after the preloaded rows. */
    private final AtomicLong nextId;

    public BenchRunner(BenchTarget target, Plan plan) {
        this.target = target;
        this.plan = plan;
        this.nextId = new AtomicLong(plan.preloadRows() + 1L);
    }

    /** Creates the table with the preloaded rows (ids 1..preloadRows), untimed. */
    public void prepare() throws Exception {
        SampleDataGenerator.OrderStream stream = new SampleDataGenerator(plan.seed()).orders(1_000);
        List<Order> rows = new ArrayList<>(plan.preloadRows());
        for (long id = 1; id <= plan.preloadRows(); id++) {
            rows.add(stream.next(id));
        }
        target.prepare(rows);
        nextId.set(plan.preloadRows() + 1L);
    }

    public WorkloadResult run(Workload workload) throws Exception {
        if (workload == Workload.POINT_READ && plan.preloadRows() < 1) {
            throw new IllegalArgumentException("point-read needs --rows >= 1 preloaded rows");
        }
        ExecutorService pool = Executors.newFixedThreadPool(plan.clients());
        try {
            if (!plan.warmup().isZero()) {
                runPhase(pool, workload, System.nanoTime() + plan.warmup().toNanos(), null);
            }
            AtomicLong remaining = plan.requests() > 0 ? new AtomicLong(plan.requests()) : null;
            long started = System.nanoTime();
            long deadline = remaining == null ? started + plan.duration().toNanos() : Long.MAX_VALUE;
            List<ClientTally> tallies = runPhase(pool, workload, deadline, remaining);
            long elapsed = System.nanoTime() - started;
            return summarize(workload, tallies, elapsed);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private List<ClientTally> runPhase(ExecutorService pool, Workload workload, long deadline, AtomicLong remaining)
            throws Exception {
        List<Future<ClientTally>> futures = new ArrayList<>();
        for (int client = 0; client < plan.clients(); client++) {
            long clientSeed = plan.seed() * 1_000 + client;
            futures.add(pool.submit(() -> runClient(workload, clientSeed, deadline, remaining)));
        }
        List<ClientTally> tallies = new ArrayList<>();
        for (Future<ClientTally> future : futures) {
            tallies.add(future.get());
        }
        return tallies;
    }

    private ClientTally runClient(Workload workload, long clientSeed, long deadline, AtomicLong remaining)
            throws Exception {
        ClientTally tally = new ClientTally();
        SampleDataGenerator.OrderStream rows = new SampleDataGenerator(clientSeed).orders(1_000);
        try (BenchTarget.Session session = target.openSession()) {
            while (System.nanoTime() < deadline && (remaining == null || remaining.getAndDecrement() > 0)) {
                long start = System.nanoTime();
                try {
                    long moved = runOperation(workload, session, rows);
                    tally.latencyMicros.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                    tally.operations++;
                    tally.rows += moved;
                } catch (Exception e) {
                    tally.errors++;
                    tally.firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                    if (tally.errors > 100 && tally.operations == 0) {
                        break; // nothing works (no table, cluster down): stop hammering
                    }
                }
            }
        }
        return tally;
    }

    private long runOperation(Workload workload, BenchTarget.Session session, SampleDataGenerator.OrderStream rows)
            throws Exception {
        switch (workload) {
            case INSERT -> {
                session.insert(rows.next(nextId.getAndIncrement()));
                return 1;
            }
            case POINT_READ -> {
                session.pointRead(1 + ThreadLocalRandom.current().nextInt(plan.preloadRows()));
                return 1;
            }
            case IMPORT -> {
                long first = nextId.getAndAdd(plan.importBatch());
                List<Order> batch = new ArrayList<>(plan.importBatch());
                for (int i = 0; i < plan.importBatch(); i++) {
                    batch.add(rows.next(first + i));
                }
                session.importBatch(batch);
                return batch.size();
            }
            default -> throw new IllegalStateException("unknown workload " + workload);
        }
    }

    private WorkloadResult summarize(Workload workload, List<ClientTally> tallies, long elapsed) {
        Histogram total = new Histogram(3);
        long operations = 0;
        long rows = 0;
        long errors = 0;
        String firstError = null;
        for (ClientTally tally : tallies) {
            total.add(tally.latencyMicros);
            operations += tally.operations;
            rows += tally.rows;
            errors += tally.errors;
            if (firstError == null) {
                firstError = tally.firstError.get();
            }
        }
        return new WorkloadResult(target.name(), workload, plan.clients(), operations, rows, errors, firstError,
                elapsed, total);
    }

    /** One client thread's counts; read only after the thread finished. */
    private static final class ClientTally {
        final Histogram latencyMicros = new Histogram(3);
        long operations;
        long rows;
        long errors;
        final AtomicReference<String> firstError = new AtomicReference<>();
    }
}
