package org.distdata.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.raft.sim.lin.KvOperation;
import org.distdata.raft.sim.lin.LinearizabilityChecker;
import org.distdata.raft.sim.lin.LinearizabilityResult;
import org.distdata.relation.SqlResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registers read, written and compared-and-set through SQL by concurrent clients on random
 * gateways of a three-node in-process cluster, while a nemesis stops and restarts nodes and
 * cuts one off from the others. The history is checked with the Wing–Gong checker: every
 * acknowledged write must be seen, every read must be explainable by one order of the
 * operations consistent with real time. A seed fixes the operations and the faults (the
 * timing is real, so a failing run prints its seed and history rather than replaying exactly).
 */
@Tag("cluster")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterLinearizabilityTest {

    private static final int KEYS = 4;
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @Test
    void registersStayLinearizableThroughCrashesRestartsAndPartitions() throws Exception {
        int seeds = Integer.getInteger("lin.seeds", 2);
        long runMillis = Long.getLong("lin.millis", 15_000);
        for (int seed = 1; seed <= seeds; seed++) {
            runOnce(dir.resolve("seed" + seed), seed, runMillis);
        }
    }

    private void runOnce(Path root, long seed, long runMillis) throws Exception {
        try (NodeCluster cluster = NodeCluster.start(root, 3, 4)) {
            cluster.awaitLeaders(Duration.ofSeconds(60));
            cluster.sql(1, "CREATE TABLE reg (k INT PRIMARY KEY, v VARCHAR(64))");
            for (int k = 0; k < KEYS; k++) {
                cluster.sql(1 + k % 3, "INSERT INTO reg (k) VALUES (?)", k);
            }
            List<KvOperation> history = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            long origin = System.nanoTime();
            List<Thread> clients = new ArrayList<>();
            int[] failed = new int[1];
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Random random = new Random(seed * 31 + c);
                Thread t = new Thread(() -> {
                    int seq = 0;
                    while (running.get()) {
                        long via = 1 + random.nextInt(3);
                        int key = random.nextInt(KEYS);
                        String value = "c" + client + "-" + (seq++);
                        int what = random.nextInt(3);
                        String expected = "c" + random.nextInt(CLIENTS) + "-" + Math.max(0, seq - 1 - random.nextInt(3));
                        long call = System.nanoTime() - origin;
                        try {
                            if (what == 0) {
                                SqlResult r = cluster.sql(via, "SELECT v FROM reg WHERE k = ?", key);
                                history.add(KvOperation.get(client, "k" + key, (String) r.rows().get(0).get(0), call,
                                        System.nanoTime() - origin));
                            } else if (what == 1) {
                                cluster.sql(via, "UPDATE reg SET v = ? WHERE k = ?", value, key);
                                history.add(KvOperation.put(client, "k" + key, value, call, System.nanoTime() - origin));
                            } else {
                                SqlResult r = cluster.sql(via, "UPDATE reg SET v = ? WHERE k = ? AND v = ?", value, key,
                                        expected);
                                history.add(KvOperation.cas(client, "k" + key, expected, value, r.updateCount() == 1,
                                        call, System.nanoTime() - origin));
                            }
                        } catch (NodeCluster.NodeDownException e) {
                            // the gateway node was down: the request never reached the cluster
                        } catch (RuntimeException e) {
                            // anything else (an error answer, a node stopping under the request):
                            // a write may or may not have happened
                            synchronized (failed) {
                                failed[0]++;
                            }
                            boolean notApplied = e instanceof DistDataException d && definitelyNotApplied(d);
                            if (what != 0 && !notApplied) {
                                KvOperation op = what == 1 ? KvOperation.put(client, "k" + key, value, call, call)
                                        : KvOperation.cas(client, "k" + key, expected, value, false, call, call);
                                history.add(op.withUnknownOutcome());
                            }
                        }
                    }
                }, "lin-client-" + c);
                t.start();
                clients.add(t);
            }
            Random nemesis = new Random(seed);
            long end = System.currentTimeMillis() + runMillis;
            int faults = 0;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(1_500 + nemesis.nextInt(1_500));
                long victim = 1 + nemesis.nextInt(3);
                if (nemesis.nextBoolean()) {
                    cluster.stop(victim);
                    Thread.sleep(1_000 + nemesis.nextInt(1_500));
                    cluster.start(victim);
                } else {
                    cluster.isolate(victim);
                    Thread.sleep(1_000 + nemesis.nextInt(1_500));
                    cluster.heal();
                }
                faults++;
            }
            running.set(false);
            for (Thread t : clients) {
                t.join(60_000);
            }
            cluster.heal();
            cluster.awaitLeaders(Duration.ofSeconds(60));
            for (int k = 0; k < KEYS; k++) { // final reads: the last acknowledged writes must be there
                long call = System.nanoTime() - origin;
                SqlResult r = cluster.sql(1 + k % 3, "SELECT v FROM reg WHERE k = ?", k);
                history.add(KvOperation.get(99, "k" + k, (String) r.rows().get(0).get(0), call, System.nanoTime() - origin));
            }
            LinearizabilityResult result = LinearizabilityChecker.check(List.copyOf(history));
            long writes = history.stream().filter(o -> o.kind() != KvOperation.Kind.GET && o.outcomeKnown()).count();
            System.out.printf("linearizability seed %d: %d operations (%d acknowledged writes, %d unknown outcomes), "
                    + "%d errors, %d faults: %s%n", seed, history.size(), writes,
                    history.stream().filter(o -> !o.outcomeKnown()).count(), failed[0], faults, result.verdict());
            assertThat(result.linearizable()).as("seed " + seed + ": " + result).isTrue();
            assertThat(writes).as("seed " + seed + " made progress").isGreaterThan(20);
            assertThat(cluster.check(1).consistent()).as("replicas agree after seed " + seed).isTrue();
        }
    }

    /** Errors after which the write certainly did not happen: refused before any leader ran it. */
    private static boolean definitelyNotApplied(DistDataException e) {
        return e.code() == ErrorCode.SQL_SEMANTIC || e.code() == ErrorCode.SQL_SYNTAX
                || (e.code() == ErrorCode.NODE_UNAVAILABLE && e instanceof org.distdata.partition.NotLeaderException);
    }
}
