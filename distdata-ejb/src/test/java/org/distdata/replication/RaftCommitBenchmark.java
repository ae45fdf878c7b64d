package org.distdata.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.distdata.storage.wal.DiskSyncProbe;
import org.distdata.storage.wal.WalOptions;
import org.distdata.storage.wal.WalStats;

/**
 * Commit throughput and latency of one Raft group replicated on three in-process
 * {@link RaftHost}s, each with a real write-ahead log (fsync on) on this machine's one
 * disk, for 1, 16 and 256 concurrent proposers; and, in the same run, the disk's raw fsync
 * rate, which bounds a design that syncs before it answers. Run it with
 * {@code scripts/bench-raft.sh}; the results go to BENCHMARKS.md.
 */
public final class RaftCommitBenchmark {

    private RaftCommitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/raft-bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Files.createDirectories(dir);
        DiskSyncProbe.Result raw = DiskSyncProbe.measure(dir, Duration.ofSeconds(5), 4096);
        System.out.printf("raw fsync (4 KiB append + force): %.0f/s, p50 %d us, p99 %d us%n", raw.syncsPerSecond(),
                raw.p50Micros(), raw.p99Micros());
        System.out.println("| proposers | commits/s | p50 ms | p99 ms | leader fsyncs/commit | cluster fsyncs/commit"
                + " | commits/s ÷ raw fsync/s |");
        System.out.println("|--:|--:|--:|--:|--:|--:|--:|");
        for (int proposers : new int[] {1, 16, 256}) {
            Path run = Files.createTempDirectory(dir, "run-" + proposers + "-");
            try (InProcessCluster cluster = new InProcessCluster(run, 3, 1, WalOptions.defaults())) {
                Result r = measure(cluster, proposers, seconds);
                System.out.printf("| %d | %.0f | %.2f | %.2f | %.3f | %.3f | %.2f× |%n", proposers, r.commitsPerSecond,
                        r.p50Millis, r.p99Millis, r.leaderSyncsPerCommit, r.clusterSyncsPerCommit,
                        r.commitsPerSecond / raw.syncsPerSecond());
            }
        }
    }

    private record Result(double commitsPerSecond, double p50Millis, double p99Millis, double leaderSyncsPerCommit,
                          double clusterSyncsPerCommit) {
    }

    private static Result measure(InProcessCluster cluster, int proposers, int seconds) throws Exception {
        long leader = cluster.awaitLeader(1, 10_000);
        byte[] command = new byte[64];
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong commits = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < proposers; p++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            histograms.add(h);
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                        cluster.host(leader).propose(1, command).get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                        continue;
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (measuring.get()) {
                        h.recordValue(Math.min(System.nanoTime() - start, h.getHighestTrackableValue()));
                        commits.incrementAndGet();
                    }
                }
            }, "proposer-" + p);
            threads.add(t);
            t.start();
        }
        Thread.sleep(2_000); // warm-up
        WalStats leaderBefore = cluster.wal(leader).stats();
        long clusterBefore = totalSyncs(cluster);
        long started = System.nanoTime();
        measuring.set(true);
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        measuring.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long leaderSyncs = cluster.wal(leader).stats().syncs() - leaderBefore.syncs();
        long clusterSyncs = totalSyncs(cluster) - clusterBefore;
        stop.set(true);
        for (Thread t : threads) {
            t.join(15_000);
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        histograms.forEach(all::add);
        long n = commits.get();
        return new Result(n / elapsed, all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
                (double) leaderSyncs / n, (double) clusterSyncs / n);
    }

    private static long totalSyncs(InProcessCluster cluster) {
        return cluster.nodes().stream().mapToLong(id -> cluster.wal(id).stats().syncs()).sum();
    }
}
