package org.distdata.transport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A peer that never reads must not make the sender buffer without bound. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackpressureTest {

    static final int HIGH_WATER = 1024 * 1024;
    static final int FRAME = 64 * 1024;

    @Test
    void sendsToAPeerThatNeverReadsStayBoundedThenFail() throws Exception {
        try (ServerSocket sink = new ServerSocket();
             TransportNodes nodes = TransportNodes.plaintext()) {
            sink.setReceiveBufferSize(64 * 1024);
            sink.bind(new InetSocketAddress("127.0.0.1", 0));
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    accepted.add(sink.accept()); // and never read from it
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            NodeTransport sender = nodes.start(nodes.config("n1")
                    .writeBufferWaterMarks(HIGH_WATER / 2, HIGH_WATER)
                    .socketBufferBytes(64 * 1024)
                    .sendTimeout(Duration.ofMillis(200))
                    .build());
            sender.addPeer("slow", (InetSocketAddress) sink.getLocalSocketAddress());

            long maxQueued = 0;
            int accepted_ = 0;
            int refused = 0;
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            // 2000 x 64 KiB = 125 MiB if nothing pushed back.
            for (int i = 0; i < 2000 && refused < 10; i++) {
                CompletableFuture<Void> send = sender.send("slow", 30, 0, new byte[FRAME]);
                if (send.isCompletedExceptionally()) {
                    Throwable cause = failure(send);
                    assertThat(cause).isInstanceOf(OutboundBufferFullException.class)
                            .hasMessageContaining("outbound buffer to slow is full");
                    refused++;
                } else {
                    accepted_++;
                    sends.add(send);
                }
                maxQueued = Math.max(maxQueued, sender.connectionStatus("slow").orElseThrow().queuedBytes());
            }
            assertThat(refused).as("senders get a clear failure once the buffer is full").isEqualTo(10);
            assertThat(maxQueued).as("bytes queued for the slow peer").isLessThanOrEqualTo(HIGH_WATER + FRAME + 64);
            // What was accepted is the buffer plus what the kernel's socket buffers took: a few MiB at most.
            assertThat((long) accepted_ * FRAME).isLessThan(16L * 1024 * 1024);
            accepted.forEach(s -> {
                try {
                    s.close();
                } catch (IOException e) {
                    // ignore
                }
            });
        }
    }

    @Test
    void offerFailsAtOnceWhenTheBufferIsFullWhereSendWouldWait() throws Exception {
        try (ServerSocket sink = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             TransportNodes nodes = TransportNodes.plaintext()) {
            NodeTransport sender = nodes.start(nodes.config("n1").writeBufferWaterMarks(FRAME, 2 * FRAME)
                    .socketBufferBytes(64 * 1024).sendTimeout(Duration.ofMillis(300)).build());
            sender.addPeer("slow", (InetSocketAddress) sink.getLocalSocketAddress());
            // The peer's kernel accepts the connection and nobody reads it: its buffers fill, then the budget.
            // Offer until refusals are steady, i.e. nothing drains any more.
            int refusedInARow = 0;
            for (int i = 0; i < 20_000 && refusedInARow < 20; i++) {
                CompletableFuture<Void> offer = sender.offer("slow", 30, 0, new byte[FRAME / 4]);
                if (offer.isCompletedExceptionally()) {
                    assertThat(failure(offer)).isInstanceOf(OutboundBufferFullException.class);
                    refusedInARow++;
                    Thread.sleep(5);
                } else {
                    refusedInARow = 0;
                    Thread.sleep(1);
                }
            }
            assertThat(refusedInARow).as("offers refused in a row once the buffer is full").isEqualTo(20);

            long started = System.nanoTime();
            CompletableFuture<Void> offer = sender.offer("slow", 30, 0, new byte[FRAME / 4]);
            long offerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            started = System.nanoTime();
            CompletableFuture<Void> send = sender.send("slow", 30, 0, new byte[FRAME / 4]);
            long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(offer.isCompletedExceptionally()).as("offer refused").isTrue();
            assertThat(send.isCompletedExceptionally()).as("send refused").isTrue();
            assertThat(failure(send)).isInstanceOf(OutboundBufferFullException.class);
            assertThat(offerMillis).as("offer does not wait").isLessThan(100);
            assertThat(sendMillis).as("send waits its send timeout").isGreaterThanOrEqualTo(250);
        }
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
