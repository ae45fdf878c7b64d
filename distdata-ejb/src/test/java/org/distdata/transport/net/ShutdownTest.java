package org.distdata.transport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.distdata.transport.codec.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShutdownTest {

    static final int NEVER = 41;

    @TempDir
    Path dir;

    @Test
    void closingTheTransportFailsItsPendingRequestsCleanly() throws Exception {
        try (TransportNodes nodes = TransportNodes.tls(dir)) {
            NodeTransport n1 = nodes.start("n1");
            NodeTransport n2 = nodes.start("n2");
            TransportNodes.connect(n1, n2);
            CountDownLatch arrived = new CountDownLatch(3);
            n2.register(NEVER, frame -> {
                arrived.countDown();
                return Reply.later(new CompletableFuture<>());
            });
            CompletableFuture<?>[] pending = new CompletableFuture<?>[3];
            for (int i = 0; i < 3; i++) {
                pending[i] = n1.request("n2", NEVER, 0, new byte[0], Duration.ofSeconds(30));
            }
            ResponseStream stream = n1.stream("n2", NEVER, 0, new byte[0], Duration.ofSeconds(30));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            n1.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("shutdown is bounded").isLessThan(Duration.ofSeconds(5));
            for (CompletableFuture<?> request : pending) {
                assertThat(request).isCompletedExceptionally();
                assertThatThrownBy(request::get).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TransportClosedException.class)
                        .hasMessageContaining("transport of n1 is shutting down");
            }
            assertThatThrownBy(stream::hasNext).isInstanceOf(TransportClosedException.class);
            assertThatThrownBy(() -> n1.send("n2", NEVER, 0, new byte[0]).join())
                    .hasCauseInstanceOf(TransportClosedException.class);
            assertThatThrownBy(n1::localAddress).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aPeerShuttingDownFailsTheRequestsWaitingOnIt() throws Exception {
        try (TransportNodes nodes = TransportNodes.tls(dir)) {
            NodeTransport n1 = nodes.start("n1");
            NodeTransport n2 = nodes.start("n2");
            TransportNodes.connect(n1, n2);
            CountDownLatch arrived = new CountDownLatch(1);
            n2.register(NEVER, frame -> {
                arrived.countDown();
                return Reply.later(new CompletableFuture<>());
            });
            CompletableFuture<Frame> request = n1.request("n2", NEVER, 0, new byte[0], Duration.ofSeconds(30));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            n2.close();
            assertThatThrownBy(() -> request.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(PeerUnavailableException.class)
                    .hasMessageContaining("lost before the answer came");
        }
    }
}
