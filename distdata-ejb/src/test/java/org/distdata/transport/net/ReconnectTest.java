package org.distdata.transport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReconnectTest {

    static final int PING = 40;

    @TempDir
    Path dir;

    @Test
    void reconnectsWithBackoffAfterThePeerRestarts() throws Exception {
        try (TransportNodes nodes = TransportNodes.tls(dir)) {
            NodeTransport n1 = nodes.start("n1");
            NodeTransport n2 = nodes.start("n2");
            int port = n2.localAddress().getPort();
            TransportNodes.connect(n1, n2);
            n2.register(PING, frame -> Reply.of(new byte[] {1}));
            n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS);
            assertThat(status(n1).state()).isEqualTo(ConnectionState.CONNECTED);

            n2.close();
            awaitStatus(n1, s -> s.state() == ConnectionState.BACKOFF);
            long attemptsBefore = status(n1).attempts();
            assertThatThrownBy(() -> n1.request("n2", PING, 0, new byte[0]).join())
                    .as("while the peer is down, requests fail fast")
                    .hasCauseInstanceOf(PeerUnavailableException.class)
                    .hasMessageContaining("unreachable");
            Thread.sleep(1500);
            ConnectionStatus down = status(n1);
            assertThat(down.consecutiveFailures()).as("attempts kept failing").isGreaterThanOrEqualTo(2);
            // 20 ms doubling up to 300 ms (with jitter, at least half of each): about 8 attempts in
            // 1.5 s, never a tight loop.
            assertThat(down.attempts() - attemptsBefore).isBetween(2L, 20L);

            NodeTransport restarted = nodes.start(nodes.config("n2").port(port).build());
            restarted.register(PING, frame -> Reply.of(new byte[] {2}));
            awaitStatus(n1, s -> s.state() == ConnectionState.CONNECTED);
            assertThat(n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS).payload()).containsExactly(2);
            assertThat(status(n1).consecutiveFailures()).isZero();
        }
    }

    @Test
    void backoffDelaysGrowExponentiallyWithJitterUpToTheCap() {
        ReconnectBackoff backoff = new ReconnectBackoff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(2),
                new java.util.Random(42));
        long[] nominal = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (int failures = 1; failures <= nominal.length; failures++) {
            for (int i = 0; i < 50; i++) {
                long ms = backoff.delay(failures).toMillis();
                assertThat(ms).isBetween(nominal[failures - 1] / 2, nominal[failures - 1]);
            }
        }
        assertThat(backoff.delay(10_000).toMillis()).isBetween(1000L, 2000L);
    }

    static ConnectionStatus status(NodeTransport transport) {
        return transport.connectionStatus("n2").orElseThrow();
    }

    static void awaitStatus(NodeTransport transport, Predicate<ConnectionStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.test(status(transport))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connection never reached the expected state: " + status(transport));
            }
            Thread.sleep(10);
        }
    }
}
