package org.distdata.storage.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

/**
 * Measures how many appends-plus-fsyncs per second this disk sustains on its own: the
 * ceiling for a log that syncs once per commit. Benchmarks compare the Raft commit rate
 * with it; a commit rate above it shows group commit at work. Run it alone with
 * {@code java -cp distdata-storage.jar org.distdata.storage.wal.DiskSyncProbe [dir] [seconds] [bytes]}.
 */
public final class DiskSyncProbe {

    /** What one probe measured; latencies cover one write plus its {@code force(false)}. */
    public record Result(long syncs, double syncsPerSecond, long p50Micros, long p99Micros, long maxMicros,
                         int writeBytes) {
        @Override
        public String toString() {
            return String.format("%d syncs of %d B: %.0f syncs/s, p50 %d us, p99 %d us, max %d us",
                    syncs, writeBytes, syncsPerSecond, p50Micros, p99Micros, maxMicros);
        }
    }

    private DiskSyncProbe() {
    }

    /**
     * Appends {@code writeBytes} to a scratch file in {@code dir} and forces it, again and
     * again for {@code duration}; the scratch file is deleted afterwards.
     */
    public static Result measure(Path dir, Duration duration, int writeBytes) throws IOException {
        if (writeBytes < 1) {
            throw new IllegalArgumentException("writeBytes must be positive: " + writeBytes);
        }
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "disk-sync-probe-", ".tmp");
        long[] latencies = new long[1024];
        int count = 0;
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        long now = started;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocateDirect(writeBytes);
            while (now < deadline || count == 0) {
                long before = System.nanoTime();
                block.clear();
                while (block.hasRemaining()) {
                    channel.write(block, channel.size());
                }
                channel.force(false);
                now = System.nanoTime();
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = now - before;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double seconds = (now - started) / 1e9;
        return new Result(count, count / seconds, micros(percentile(sorted, 0.50)), micros(percentile(sorted, 0.99)),
                micros(sorted[count - 1]), writeBytes);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 5);
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        System.out.println(dir.toAbsolutePath() + ": " + measure(dir, duration, bytes));
    }
}
