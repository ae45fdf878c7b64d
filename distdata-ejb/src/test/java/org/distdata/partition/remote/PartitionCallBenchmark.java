package org.distdata.partition.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TxnBranch;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.TransportNodes;

/**
 * Round-trip latency of a one-row update through {@link RemotePartitionService} and
 * {@link PartitionServiceEndpoint} between two nodes in one JVM over loopback with mutual TLS
 * 1.3, against an in-memory leader (so the figures are the remote call's cost, not Derby's),
 * plus the throughput of streaming a 200,000-row read. Not a test: run its {@code main} with
 * the test classpath; arguments: a scratch directory and the seconds to measure.
 */
public final class PartitionCallBenchmark {

    private PartitionCallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/partition-bench"));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (TransportNodes nodes = TransportNodes.tls(Files.createTempDirectory(dir, "tls"))) {
            NodeTransport n1 = nodes.start("n1");
            NodeTransport n2 = nodes.start("n2");
            TransportNodes.connect(n1, n2);
            FakePartitionService leader = new FakePartitionService();
            new PartitionServiceEndpoint(leader, Executors.newCachedThreadPool(TransportNodes.threads("calls")))
                    .registerOn(n2);
            RemotePartitionService remote = new RemotePartitionService(n1, "n2", Duration.ofSeconds(10), 1000);
            TxnBranch branch = new TxnBranch("bench", 1);
            List<Object> row = List.of(42L, "a name of some length", 3.5);

            measure(remote, leader, branch, row, TimeUnit.SECONDS.toNanos(2), null); // warm-up
            Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            long calls = measure(remote, leader, branch, row, TimeUnit.SECONDS.toNanos(seconds), latency);
            System.out.printf("one-row update, 1 caller, mTLS loopback: %,d calls/s; p50 %d us, p99 %d us, max %d us%n",
                    calls / seconds, latency.getValueAtPercentile(50) / 1000, latency.getValueAtPercentile(99) / 1000,
                    latency.getMaxValue() / 1000);

            leader.rows = () -> ListCursor.padded(200_000);
            long started = System.nanoTime();
            int rows = 0;
            try (RowCursor cursor = remote.read(1, "SELECT * FROM T", List.of())) {
                while (cursor.next()) {
                    rows++;
                }
            }
            double secondsTaken = (System.nanoTime() - started) / 1e9;
            System.out.printf("read of %,d rows of ~215 bytes: %.2f s, %,.0f rows/s%n", rows, secondsTaken,
                    rows / secondsTaken);
        }
    }

    private static long measure(RemotePartitionService remote, FakePartitionService leader, TxnBranch branch,
                                List<Object> row, long nanos, Histogram latency) throws Exception {
        long end = System.nanoTime() + nanos;
        long calls = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            remote.update(branch, "UPDATE T SET B = ?, C = ? WHERE A = ?", row);
            if (latency != null) {
                latency.recordValue(Math.min(System.nanoTime() - t0, latency.getHighestTrackableValue()));
            }
            leader.calls.clear();
            calls++;
        }
        return calls;
    }
}
