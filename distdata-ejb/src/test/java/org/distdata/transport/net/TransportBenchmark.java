package org.distdata.transport.net;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * Round trips between two {@link NodeTransport}s in one JVM over loopback: an echo request
 * (the answer carries the same payload back) for 100 B and 64 KiB payloads, with 1 and 16
 * concurrent requesters (each waits for its answer before the next request), with mutual
 * TLS 1.3 and with plaintext. Reports requests/s and p50/p99/max latency per level. Run it
 * with {@code scripts/bench-transport.sh}; the results go to BENCHMARKS.md.
 */
public final class TransportBenchmark {

    static final int ECHO = 40;

    private TransportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/transport-bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(dir);
        System.out.printf("%d s per level after a 2 s warm-up; echo request, same payload both ways; 2 I/O + 4 handler"
                + " threads per node%n", seconds);
        System.out.println("| transport | payload | requesters | requests/s | MiB/s each way | p50 us | p99 us | max us |");
        System.out.println("|---|--:|--:|--:|--:|--:|--:|--:|");
        for (boolean tls : new boolean[] {true, false}) {
            try (TransportNodes nodes = tls ? TransportNodes.tls(Files.createTempDirectory(dir, "tls"))
                    : TransportNodes.plaintext()) {
                NodeTransport client = nodes.start(nodes.config("n1").requestTimeout(Duration.ofSeconds(30)).build());
                NodeTransport server = nodes.start("n2");
                server.register(ECHO, frame -> Reply.of(frame.payload()));
                TransportNodes.connect(client, server);
                for (int payload : new int[] {100, 64 * 1024}) {
                    for (int requesters : new int[] {1, 16}) {
                        Result r = measure(client, payload, requesters, seconds);
                        System.out.printf("| %s | %s | %d | %.0f | %.1f | %d | %d | %d |%n", tls ? "mTLS 1.3" : "plaintext",
                                payload < 1024 ? payload + " B" : payload / 1024 + " KiB", requesters, r.perSecond,
                                r.perSecond * payload / (1024 * 1024), r.p50, r.p99, r.max);
                    }
                }
            }
        }
    }

    private record Result(double perSecond, long p50, long p99, long max) {
    }

    private static Result measure(NodeTransport client, int payloadBytes, int requesters, int seconds) throws Exception {
        byte[] payload = new byte[payloadBytes];
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong done = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < requesters; i++) {
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    long start = System.nanoTime();
                    client.request("n2", ECHO, 0, payload).join();
                    if (measuring.get()) {
                        histogram.recordValue(System.nanoTime() - start);
                        done.incrementAndGet();
                    }
                }
            }, "requester-" + i);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(2000);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        measuring.set(false);
        long elapsed = System.nanoTime() - start;
        long count = done.get();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        histograms.forEach(all::add);
        return new Result(count / (elapsed / 1e9), all.getValueAtPercentile(50) / 1000, all.getValueAtPercentile(99) / 1000,
                all.getMaxValue() / 1000);
    }
}
