package org.distdata.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the deterministic Raft simulation over many seeds and asserts that no run breaks a
 * safety property, linearizability, or liveness after the faults stop. A failure prints its
 * seed and a one-line command that replays exactly that run with a trace.
 *
 * <p>{@code -Dsim.seed=N} replays one seed; {@code -Dsim.seeds=N} (default 2000) and
 * {@code -Dsim.firstSeed=S} set the range for a long run; {@code -Dsim.trace=true} prints
 * every event.
 */
class RaftSimulationTest {

    @Test
    @Timeout(value = 4, unit = TimeUnit.HOURS)
    void raftStaysSafeLinearizableAndLiveUnderFaultsForEverySeed() throws Exception {
        String single = System.getProperty("sim.seed");
        long first = single != null ? Long.parseLong(single) : Long.getLong("sim.firstSeed", 1);
        int count = single != null ? 1 : Integer.getInteger("sim.seeds", 2000);
        boolean printTrace = Boolean.getBoolean("sim.trace");

        long started = System.nanoTime();
        SeedRun total = runSeeds(first, count, Set.of(), printTrace);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Raft simulation: %d seeds (%d..%d), %d failures, %.1f s; %d events, %d client operations, "
                        + "%d elections, %d messages, %.0f simulated seconds%n", count, first, first + count - 1,
                total.failures.size(), seconds, total.events, total.operations, total.elections, total.messages,
                total.simulatedMicros / 1e6);
        total.failures.stream().limit(3).forEach(f -> System.out.println(f.getMessage()));
        assertThat(total.failures).as("failing seeds").extracting(f -> f.seed).isEmpty();
    }

    @Test
    void theSameSeedReplaysExactlyTheSameRun() {
        for (long seed : new long[] {7, 42, 1001}) {
            Simulation.Outcome first = new Simulation(seed, Set.of(), false).run();
            Simulation.Outcome second = new Simulation(seed, Set.of(), false).run();
            assertThat(second).isEqualTo(first);
        }
    }

    /** The sum of many runs. */
    static final class SeedRun {
        final List<SimulationFailure> failures = new ArrayList<>();
        long events;
        long operations;
        long elections;
        long messages;
        long simulatedMicros;

        synchronized void add(Simulation.Outcome o) {
            events += o.events();
            operations += o.operations();
            elections += o.elections();
            messages += o.messages();
            simulatedMicros += o.simulatedMicros();
        }

        synchronized void fail(SimulationFailure f) {
            failures.add(f);
        }
    }

    static SeedRun runSeeds(long first, int count, Set<org.distdata.raft.InjectedBug> bugs, boolean printTrace)
            throws Exception {
        SeedRun total = new SeedRun();
        int threads = printTrace ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (long seed = first; seed < first + count; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> {
                    try {
                        total.add(new Simulation(s, bugs, printTrace).run());
                    } catch (SimulationFailure f) {
                        total.fail(f);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        total.failures.sort((a, b) -> Long.compare(a.seed, b.seed));
        return total;
    }
}
