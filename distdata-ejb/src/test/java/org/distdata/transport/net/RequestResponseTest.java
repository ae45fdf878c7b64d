package org.distdata.transport.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.distdata.error.ErrorCode;
import org.distdata.error.DistDataException;
import org.distdata.transport.codec.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestResponseTest {

    static final int ECHO = 40;
    static final int SLOW = 41;
    static final int FAILING = 42;
    static final int EVENTS = 43;

    @TempDir
    Path dir;

    TransportNodes nodes;
    NodeTransport n1;
    NodeTransport n2;

    @BeforeEach
    void start() {
        nodes = TransportNodes.tls(dir);
        n1 = nodes.start("n1");
        n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
        n2.register(ECHO, frame -> Reply.of(("echo " + new String(frame.payload(), UTF_8)).getBytes(UTF_8)));
        // Connected before each test: timings below are of exchanges, not of the first TLS handshake.
        n1.request("n2", ECHO, 0, new byte[0]).join();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void requestGetsItsResponseMatchedByRequestId() throws Exception {
        List<CompletableFuture<Frame>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(n1.request("n2", ECHO, 7, ("m" + i).getBytes(UTF_8)));
        }
        for (int i = 0; i < 50; i++) {
            Frame answer = answers.get(i).get(10, TimeUnit.SECONDS);
            assertThat(new String(answer.payload(), UTF_8)).isEqualTo("echo m" + i);
            assertThat(answer.type()).isEqualTo(ECHO);
            assertThat(answer.groupId()).isEqualTo(7);
            assertThat(answer.has(Frame.RESPONSE)).isTrue();
        }
        assertThat(n1.connectionStatus("n2")).get().extracting(ConnectionStatus::state).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void requestWithoutAnswerTimesOutAndTheServerSeesTheCancel() throws Exception {
        CountDownLatch cancelSeen = new CountDownLatch(1);
        n2.register(SLOW, frame -> {
            frame.onCancel(cancelSeen::countDown);
            return Reply.later(new CompletableFuture<>());
        });
        long start = System.nanoTime();
        CompletableFuture<Frame> answer = n1.request("n2", SLOW, 0, new byte[0], Duration.ofMillis(300));
        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(4));
        assertThat(((DistDataException) unwrap(answer)).code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(cancelSeen.await(5, TimeUnit.SECONDS)).as("server saw the CANCEL").isTrue();
    }

    @Test
    void cancellingARequestSendsCancelAndCompletesWithCancellationException() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<byte[]> work = new CompletableFuture<>();
        CountDownLatch cancelSeen = new CountDownLatch(1);
        n2.register(SLOW, frame -> {
            frame.onCancel(cancelSeen::countDown);
            started.countDown();
            return Reply.later(work);
        });
        CompletableFuture<Frame> answer = n1.request("n2", SLOW, 0, new byte[0], Duration.ofSeconds(30));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(answer.cancel(true)).isTrue();
        assertThatThrownBy(answer::join).isInstanceOf(CancellationException.class);
        assertThat(cancelSeen.await(5, TimeUnit.SECONDS)).as("server saw the CANCEL").isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!work.isCancelled() && System.nanoTime() < deadline) {
            Thread.sleep(5); // the transport cancels the work right after the handler's own callbacks
        }
        assertThat(work).as("the handler's pending work is cancelled too").isCancelled();
        assertThat(n1.connectionStatus("n2").orElseThrow().pendingRequests()).isZero();
    }

    @Test
    void oneWayMessagesArriveInTheOrderSent() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(500);
        n2.register(EVENTS, frame -> {
            assertThat(frame.oneWay()).isTrue();
            received.add(new String(frame.payload(), UTF_8));
            all.countDown();
            return Reply.none();
        });
        CompletableFuture<?> last = null;
        for (int i = 0; i < 500; i++) {
            last = n1.send("n2", EVENTS, 0, ("e" + i).getBytes(UTF_8));
        }
        last.get(5, TimeUnit.SECONDS);
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(received).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(received.get(i)).isEqualTo("e" + i);
        }
    }

    @Test
    void handlerFailureAndUnknownTypeComeBackAsRemoteErrors() {
        n2.register(FAILING, frame -> {
            throw new DistDataException(ErrorCode.NOT_FOUND, "no such partition 99");
        });
        assertThatThrownBy(() -> n1.request("n2", FAILING, 0, new byte[0]).join())
                .hasCauseInstanceOf(RemoteErrorException.class)
                .hasMessageContaining("NOT_FOUND: no such partition 99");
        RemoteErrorException failed = (RemoteErrorException) unwrap(n1.request("n2", FAILING, 0, new byte[0]));
        assertThat(failed.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failed.peer()).isEqualTo("n2");

        RemoteErrorException unknown = (RemoteErrorException) unwrap(n1.request("n2", 99, 0, new byte[0]));
        assertThat(unknown.remoteCode()).isEqualTo("UNSUPPORTED");
        assertThat(unknown.getMessage()).contains("no handler for message type 99");
    }

    @Test
    void unknownPeerAndOversizedFrameAreRefusedWithoutSending() {
        assertThatThrownBy(() -> n1.request("n9", ECHO, 0, new byte[0]).join())
                .hasCauseInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("no address known for peer n9");
        byte[] tooBig = new byte[n1.config().maxFrameBytes()];
        assertThatThrownBy(() -> n1.request("n2", ECHO, 0, tooBig))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the frame limit");
    }

    static Throwable unwrap(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
