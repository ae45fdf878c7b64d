package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.distdata.raft.Entry;
import org.distdata.raft.GroupMessage;
import org.distdata.raft.Message;
import org.distdata.raft.PeerMessage;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.TransportNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkPeerTransportTest {

    @TempDir
    Path dir;

    TransportNodes nodes;
    NodeTransport n1;
    NodeTransport n2;
    NetworkPeerTransport peers1;
    NetworkPeerTransport peers2;
    final BlockingQueue<PeerMessage> inbox2 = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        nodes = TransportNodes.tls(dir);
        n1 = nodes.start("n1");
        n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
        TransportNodes.connect(n2, n1);
        peers1 = new NetworkPeerTransport(n1, id -> "n" + id);
        peers2 = new NetworkPeerTransport(n2, id -> "n" + id);
        peers2.deliverTo(inbox2::add);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void raftMessagesOfSingleGroupsArriveDecodedWithTheirGroup() throws Exception {
        PeerMessage vote = new PeerMessage.Single(7, new Message.VoteRequest(1, 2, 5, 10, 4, true, false));
        PeerMessage append = new PeerMessage.Single(8, new Message.AppendRequest(1, 2, 5, 10, 4,
                List.of(new Entry(5, 11, Entry.Kind.COMMAND, new byte[] {1, 2, 3}), new Entry(5, 12, Entry.Kind.NOOP, null)),
                9));
        PeerMessage timeoutNow = new PeerMessage.Single(9, new Message.TimeoutNow(1, 2, 6));

        peers1.send(vote);
        peers1.send(append);
        peers1.send(timeoutNow);

        assertThat(inbox2.poll(10, TimeUnit.SECONDS)).isEqualTo(vote);
        assertThat(inbox2.poll(10, TimeUnit.SECONDS)).isEqualTo(append);
        assertThat(inbox2.poll(10, TimeUnit.SECONDS)).isEqualTo(timeoutNow);
        assertThat(peers1.dropped()).isZero();
        assertThat(peers2.rejected()).isZero();
    }

    @Test
    void coalescedHeartbeatsOfManyGroupsArriveAsOneMessage() throws Exception {
        PeerMessage.Heartbeats beats = new PeerMessage.Heartbeats(1, 2, List.of(
                new GroupMessage(3, new Message.Heartbeat(1, 2, 5, 100, 7)),
                new GroupMessage(4, new Message.HeartbeatResponse(1, 2, 6, 8)),
                new GroupMessage(5, new Message.Heartbeat(1, 2, 2, 0, 9))));

        peers1.send(beats);

        // One frame decodes to one message: three beats in one Heartbeats means they travelled together.
        assertThat(inbox2.poll(10, TimeUnit.SECONDS)).isEqualTo(beats);
        assertThat(inbox2.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void messagesForUnreachableOrUnknownPeersAreDroppedAndCountedWithoutWaiting() throws Exception {
        n1.addPeer("n3", new InetSocketAddress("127.0.0.1", freePort()));
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            peers1.send(new PeerMessage.Single(1, new Message.Heartbeat(1, 3, 1, 0, i)));
        }
        peers1.send(new PeerMessage.Single(1, new Message.Heartbeat(1, 9, 1, 0, 0))); // n9: no address known
        long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(sendMillis).as("time spent in send()").isLessThan(2000);
        awaitAtLeast(peers1::dropped, 6);
        assertThat(peers1.dropped()).isEqualTo(6);
    }

    @Test
    void aFullOutboundBufferDropsMessagesInsteadOfStallingTheSender() throws Exception {
        NodeTransport small = nodes.start(nodes.config("n4").writeBufferWaterMarks(16 * 1024, 32 * 1024).build());
        NetworkPeerTransport peers4 = new NetworkPeerTransport(small, id -> "n" + id);
        // A peer that accepts the TCP connection and then never answers: nothing queued for it drains.
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            small.addPeer("n5", new InetSocketAddress("127.0.0.1", silent.getLocalPort()));
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                peers4.send(new PeerMessage.Single(1, new Message.AppendRequest(4, 5, 1, i, 1,
                        List.of(new Entry(1, i + 1, Entry.Kind.COMMAND, new byte[8 * 1024])), 0)));
            }
            long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            // A sender that waited for room would spend the send timeout (500 ms here) on each message past the
            // budget: over 20 s in all.
            assertThat(sendMillis).as("time spent in send()").isLessThan(5000);
            assertThat(peers4.dropped()).as("messages beyond the 32 KiB budget").isGreaterThanOrEqualTo(45);
        }
    }

    @Test
    void aMessageWhoseSenderIsNotTheAuthenticatedPeerIsRejected() throws Exception {
        PeerMessage forged = new PeerMessage.Single(1, new Message.VoteRequest(3, 2, 9, 100, 9, false, false));
        PeerMessage genuine = new PeerMessage.Single(1, new Message.VoteRequest(1, 2, 9, 100, 9, false, false));

        peers1.send(forged);
        peers1.send(genuine);

        // One connection's one-way messages are handled in order: when the genuine one is in, the forged one was judged.
        assertThat(inbox2.poll(10, TimeUnit.SECONDS)).isEqualTo(genuine);
        assertThat(inbox2).isEmpty();
        assertThat(peers2.rejected()).isEqualTo(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitAtLeast(LongSupplier counter, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
