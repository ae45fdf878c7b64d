package org.distdata.transport.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.distdata.transport.net.ChannelInfo;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.Reply;
import org.distdata.transport.net.RequestTimeoutException;
import org.distdata.transport.net.TransportConfig;
import org.distdata.transport.net.TransportNodes;
import org.distdata.transport.net.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

    static final int PING = 40;
    static final int EVENT = 41;

    @TempDir
    Path dir;

    TransportNodes nodes;

    @BeforeEach
    void fixture() {
        nodes = TransportNodes.tls(dir);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void productionConfigurationHasNoFaultHandlerAndNoFaultControl() throws Exception {
        assertThat(FaultInjector.enabledBySystemProperty()).as("test JVMs run without the flag too").isFalse();
        // Every spelling of the flag in the node's configuration (files, env, MicroProfile) is ignored.
        Map<String, String> production = Map.of(
                "distdata.test.faultInjection", "true",
                "distdata.transport.faultInjection", "true",
                "faultInjection", "true",
                TransportSettings.PORT, "0",
                TransportSettings.TLS_DIR, dir.toString());
        TransportSettings s1 = TransportSettings.read("n1", dir, key -> Optional.ofNullable(production.get(key)), key -> null);
        TransportSettings s2 = TransportSettings.read("n2", dir, key -> Optional.ofNullable(production.get(key)), key -> null);
        assertThat(s1.config().faultInjection()).isFalse();
        s1.ensureDevCertificates();
        s2.ensureDevCertificates();

        NodeTransport n1 = nodes.start(s1.config());
        NodeTransport n2 = nodes.start(s2.config());
        n2.register(PING, frame -> Reply.of(new byte[] {1}));
        TransportNodes.connect(n1, n2);
        n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS);

        assertThat(n1.faultInjector()).isEmpty();
        assertThat(n2.faultInjector()).isEmpty();
        assertThat(n1.channels()).isNotEmpty();
        assertThat(n2.channels()).isNotEmpty();
        for (ChannelInfo channel : concat(n1, n2)) {
            assertThat(channel.handlers()).contains("tls", "frame-decoder", "rpc").doesNotContain("faults");
        }
    }

    @Test
    void onlyTheTestSystemPropertyEnablesFaultInjection() {
        TransportSettings settings = TransportSettings.read("n1", dir, key -> Optional.empty(),
                key -> key.equals(FaultInjector.SYSTEM_PROPERTY) ? "true" : null);
        assertThat(settings.config().faultInjection()).isTrue();
        assertThat(TransportSettings.read("n1", dir, key -> Optional.empty(), key -> "false").config().faultInjection())
                .isFalse();
    }

    @Test
    void droppedFramesAreObservable() throws Exception {
        AtomicInteger received = new AtomicInteger();
        NodeTransport n1 = pairCountingEventsAtN2(received);
        assertThat(n1.channels()).allSatisfy(c -> assertThat(c.handlers()).contains("faults"));

        FaultInjector faults = n1.faultInjector().orElseThrow();
        faults.drop(1.0);
        assertThatThrownBy(() -> n1.request("n2", PING, 0, new byte[0], Duration.ofMillis(300)).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RequestTimeoutException.class);

        faults.clear();
        // a round trip after the timeout: the CANCEL the timeout queued has passed the fault handler
        n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS);
        faults.drop(0.5);
        long droppedBefore = faults.dropped();
        CompletableFuture<Void> last = null;
        for (int i = 0; i < 200; i++) {
            last = n1.send("n2", EVENT, 0, new byte[] {(byte) i});
        }
        last.get(5, TimeUnit.SECONDS);
        long dropped = faults.dropped() - droppedBefore;
        assertThat(dropped).isBetween(40L, 160L);
        faults.clear();
        n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS); // one-ways before it have been handled
        awaitValue(received, 200 - dropped);
    }

    @Test
    void delayedFramesAreObservable() throws Exception {
        NodeTransport n1 = start("n1");
        NodeTransport n2 = start("n2");
        n2.register(PING, frame -> Reply.of(new byte[] {1}));
        TransportNodes.connect(n1, n2);
        n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS);

        FaultInjector faults = n1.faultInjector().orElseThrow();
        faults.delay(Duration.ofMillis(400));
        long start = System.nanoTime();
        n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(faults.delayed()).isPositive();
        faults.clear();
    }

    @Test
    void duplicatedFramesAreObservable() throws Exception {
        AtomicInteger received = new AtomicInteger();
        NodeTransport n1 = pairCountingEventsAtN2(received);

        FaultInjector faults = n1.faultInjector().orElseThrow().duplicate(1.0);
        CompletableFuture<Void> last = null;
        for (int i = 0; i < 10; i++) {
            last = n1.send("n2", EVENT, 0, new byte[] {(byte) i});
        }
        last.get(5, TimeUnit.SECONDS); // written in order: all ten went through the fault handler
        faults.clear();
        n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS);
        awaitValue(received, 20);
        assertThat(faults.duplicated()).isEqualTo(10);
    }

    @Test
    void cutBetweenNamedNodesIsObservableAndHeals() throws Exception {
        NodeTransport n1 = start("n1");
        NodeTransport n2 = start("n2");
        NodeTransport n3 = start("n3");
        for (NodeTransport from : new NodeTransport[] {n1, n2, n3}) {
            from.register(PING, frame -> Reply.of(from.config().nodeName().getBytes()));
            for (NodeTransport to : new NodeTransport[] {n1, n2, n3}) {
                if (from != to) {
                    TransportNodes.connect(from, to);
                }
            }
        }
        n1.faultInjector().orElseThrow().cut("n1", "n2");
        Duration shortly = Duration.ofMillis(300);
        assertThatThrownBy(() -> n1.request("n2", PING, 0, new byte[0], shortly).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RequestTimeoutException.class);
        // n1 knows inbound TLS peers by certificate: n2's requests to n1 are cut as well.
        assertThatThrownBy(() -> n2.request("n1", PING, 0, new byte[0], shortly).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RequestTimeoutException.class);
        assertThat(new String(n1.request("n3", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS).payload())).isEqualTo("n3");
        assertThat(new String(n2.request("n3", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS).payload())).isEqualTo("n3");
        assertThat(n1.faultInjector().orElseThrow().blocked()).isPositive();

        n1.faultInjector().orElseThrow().heal("n2", "n1");
        assertThat(new String(n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS).payload())).isEqualTo("n2");
        assertThat(new String(n2.request("n1", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS).payload())).isEqualTo("n1");
    }

    /**
     * Starts n1 and n2 with fault injection, n2 counting EVENT messages into {@code received}
     * and answering PING; returns n1 once a PING has made the round trip.
     */
    private NodeTransport pairCountingEventsAtN2(AtomicInteger received) throws Exception {
        NodeTransport n1 = start("n1");
        NodeTransport n2 = start("n2");
        n2.register(EVENT, frame -> {
            received.incrementAndGet();
            return Reply.none();
        });
        n2.register(PING, frame -> Reply.of(new byte[] {1}));
        TransportNodes.connect(n1, n2);
        n1.request("n2", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS);
        return n1;
    }

    private NodeTransport start(String node) {
        TransportConfig config = nodes.config(node).faultInjection(true).build();
        return nodes.start(config);
    }

    private static java.util.List<ChannelInfo> concat(NodeTransport a, NodeTransport b) {
        java.util.List<ChannelInfo> all = new java.util.ArrayList<>(a.channels());
        all.addAll(b.channels());
        return all;
    }

    private static void awaitValue(AtomicInteger value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.get() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(value.get()).isEqualTo((int) expected);
    }
}
