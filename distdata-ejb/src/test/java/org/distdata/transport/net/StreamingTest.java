package org.distdata.transport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.transport.codec.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StreamingTest {

    static final int SCAN = 41;
    static final int PART_BYTES = 16 * 1024;

    @TempDir
    Path dir;

    TransportNodes nodes;

    @AfterEach
    void stop() {
        nodes.close();
    }

    /** A source of {@code parts} numbered 16 KiB parts that counts what it produced and whether it was closed. */
    static final class CountingSource implements ChunkSource {
        final int parts;
        final AtomicInteger produced = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);

        CountingSource(int parts) {
            this.parts = parts;
        }

        @Override
        public byte[] next() {
            int n = produced.get();
            if (n == parts) {
                return null;
            }
            produced.incrementAndGet();
            return ByteBuffer.allocate(PART_BYTES).putInt(0, n).array();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void streamedResponseArrivesCompleteAndInOrder() throws Exception {
        nodes = TransportNodes.tls(dir);
        NodeTransport n1 = nodes.start("n1");
        NodeTransport n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
        CountingSource source = new CountingSource(300);
        n2.register(SCAN, frame -> Reply.stream(source));

        int received = 0;
        try (ResponseStream stream = n1.stream("n2", SCAN, 3, new byte[0], Duration.ofSeconds(10))) {
            while (stream.hasNext()) {
                Frame part = stream.next();
                assertThat(part.has(Frame.STREAM_MORE)).isTrue();
                assertThat(part.groupId()).isEqualTo(3);
                assertThat(ByteBuffer.wrap(part.payload()).getInt(0)).isEqualTo(received);
                received++;
            }
        }
        assertThat(received).isEqualTo(300);
        assertThat(source.closed.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void slowConsumerThrottlesTheServerSideStream() throws Exception {
        nodes = TransportNodes.plaintext();
        // Small socket buffers and water marks, so that the bytes in flight are few parts.
        TransportConfig.Builder small = nodes.config("n1").socketBufferBytes(64 * 1024)
                .writeBufferWaterMarks(64 * 1024, 128 * 1024).streamWindow(8);
        NodeTransport n1 = nodes.start(small.build());
        NodeTransport n2 = nodes.start(nodes.config("n2").socketBufferBytes(64 * 1024)
                .writeBufferWaterMarks(64 * 1024, 128 * 1024).build());
        TransportNodes.connect(n1, n2);
        CountingSource source = new CountingSource(2000); // 32 MiB if nothing held it back
        n2.register(SCAN, frame -> Reply.stream(source));

        try (ResponseStream stream = n1.stream("n2", SCAN, 0, new byte[0], Duration.ofSeconds(30))) {
            for (int i = 0; i < 5; i++) {
                stream.next();
            }
            Thread.sleep(1500); // the consumer stalls
            int producedWhileStalled = source.produced.get();
            // Bound: 5 taken + client window (8, plus one read burst) + socket buffers (~2 x 64 KiB)
            // + the server's high water mark (128 KiB) + a pump batch: well under 150 of 2000 parts.
            assertThat(producedWhileStalled).as("parts produced while the consumer stalled").isLessThan(150);
            Thread.sleep(500);
            assertThat(source.produced.get()).as("production stays stopped").isLessThan(150);
            assertThat(stream.buffered()).isLessThanOrEqualTo(8 + 64);

            int received = 5;
            while (stream.hasNext()) {
                assertThat(ByteBuffer.wrap(stream.next().payload()).getInt(0)).isEqualTo(received);
                received++;
            }
            assertThat(received).isEqualTo(2000);
        }
    }

    @Test
    void closingAStreamEarlyCancelsItAtTheServer() throws Exception {
        nodes = TransportNodes.plaintext();
        NodeTransport n1 = nodes.start("n1");
        NodeTransport n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
        CountingSource source = new CountingSource(1_000_000);
        n2.register(SCAN, frame -> Reply.stream(source));

        ResponseStream stream = n1.stream("n2", SCAN, 0, new byte[0], Duration.ofSeconds(10));
        for (int i = 0; i < 10; i++) {
            stream.next();
        }
        stream.close();
        assertThat(source.closed.await(10, TimeUnit.SECONDS)).as("the server closed its source").isTrue();
        int produced = source.produced.get();
        Thread.sleep(300);
        assertThat(source.produced.get()).isEqualTo(produced);
        // The connection still serves other exchanges.
        n2.register(42, frame -> Reply.of(new byte[] {1}));
        assertThat(n1.request("n2", 42, 0, new byte[0]).get(5, TimeUnit.SECONDS).payload()).containsExactly(1);
    }

    @Test
    void failureInTheMiddleOfAStreamReachesTheConsumer() {
        nodes = TransportNodes.plaintext();
        NodeTransport n1 = nodes.start("n1");
        NodeTransport n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
        n2.register(SCAN, frame -> Reply.stream(new ChunkSource() {
            int n;

            @Override
            public byte[] next() {
                if (n++ == 3) {
                    throw new DistDataException(ErrorCode.TXN_CONFLICT, "partition 4 moved");
                }
                return new byte[] {(byte) n};
            }
        }));
        ResponseStream stream = n1.stream("n2", SCAN, 0, new byte[0], Duration.ofSeconds(10));
        assertThat(stream.next().payload()).containsExactly(1);
        assertThat(stream.next().payload()).containsExactly(2);
        assertThat(stream.next().payload()).containsExactly(3);
        assertThatThrownBy(stream::hasNext).isInstanceOf(RemoteErrorException.class)
                .hasMessageContaining("TXN_CONFLICT: partition 4 moved");
    }

    @Test
    void aStreamWhoseSourceOpensLaterArrivesCompleteOrFailsWithTheOpeningsError() throws Exception {
        nodes = TransportNodes.plaintext();
        NodeTransport n1 = nodes.start("n1");
        NodeTransport n2 = nodes.start(nodes.config("n2").handlerThreads(1).build());
        TransportNodes.connect(n1, n2);
        CountingSource source = new CountingSource(50);
        n2.register(SCAN, frame -> Reply.streamLater(SCAN, CompletableFuture.supplyAsync(() -> source,
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))));
        n2.register(SCAN + 1, frame -> Reply.streamLater(SCAN, CompletableFuture.failedFuture(
                new DistDataException(ErrorCode.NO_QUORUM, "partition 2 has no quorum"))));

        int received = 0;
        try (ResponseStream stream = n1.stream("n2", SCAN, 0, new byte[0], Duration.ofSeconds(10))) {
            while (stream.hasNext()) {
                assertThat(ByteBuffer.wrap(stream.next().payload()).getInt(0)).isEqualTo(received++);
            }
        }
        assertThat(received).isEqualTo(50);
        assertThat(source.closed.await(5, TimeUnit.SECONDS)).isTrue();
        ResponseStream failing = n1.stream("n2", SCAN + 1, 0, new byte[0], Duration.ofSeconds(10));
        assertThatThrownBy(failing::hasNext).isInstanceOf(RemoteErrorException.class)
                .hasMessageContaining("NO_QUORUM: partition 2 has no quorum");
    }

    @Test
    void closingAStreamWhileItsSourceIsOpeningCancelsTheOpening() throws Exception {
        nodes = TransportNodes.plaintext();
        NodeTransport n1 = nodes.start("n1");
        NodeTransport n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
        CompletableFuture<ChunkSource> opening = new CompletableFuture<>();
        CountDownLatch asked = new CountDownLatch(1);
        n2.register(SCAN, frame -> {
            asked.countDown();
            return Reply.streamLater(SCAN, opening);
        });

        ResponseStream stream = n1.stream("n2", SCAN, 0, new byte[0], Duration.ofSeconds(10));
        assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
        stream.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!opening.isCancelled() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(opening.isCancelled()).as("the opening was cancelled").isTrue();
    }

    @Test
    void aStreamThatGoesSilentTimesOut() {
        nodes = TransportNodes.plaintext();
        NodeTransport n1 = nodes.start("n1");
        NodeTransport n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
        CountDownLatch never = new CountDownLatch(1);
        n2.register(SCAN, frame -> Reply.stream(() -> {
            never.await(30, TimeUnit.SECONDS);
            return null;
        }));
        ResponseStream stream = n1.stream("n2", SCAN, 0, new byte[0], Duration.ofMillis(300));
        assertThatThrownBy(stream::hasNext).isInstanceOf(RequestTimeoutException.class);
        never.countDown();
    }
}
