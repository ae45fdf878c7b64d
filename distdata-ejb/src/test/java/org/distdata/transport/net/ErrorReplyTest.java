package org.distdata.transport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.distdata.transport.codec.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A handler's {@link ErrorReply} reaches the requester as an ERROR frame of its own type and payload. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorReplyTest {

    static final int CALL = 60;
    static final int OWN_FAILURE = 70;
    static final byte[] DETAILS = {7, 8, 9};

    TransportNodes nodes;
    NodeTransport n1;
    NodeTransport n2;

    @BeforeEach
    void start() {
        nodes = TransportNodes.plaintext();
        n1 = nodes.start("n1");
        n2 = nodes.start("n2");
        TransportNodes.connect(n1, n2);
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void aHandlerThatThrowsAnErrorReplyAnswersWithItsMessage() throws Exception {
        n2.register(CALL, frame -> {
            throw new ErrorReply(OWN_FAILURE, DETAILS, "no such branch");
        });

        assertOwnFailure(catchThrowable(() -> n1.request("n2", CALL, 4, new byte[0]).get(5, TimeUnit.SECONDS)));
    }

    @Test
    void aLaterReplyThatFailsWithAnErrorReplyAnswersWithItsMessage() {
        n2.register(CALL, frame -> Reply.later(CompletableFuture.failedFuture(
                new ErrorReply(OWN_FAILURE, DETAILS, "no such branch"))));

        assertOwnFailure(catchThrowable(() -> n1.request("n2", CALL, 4, new byte[0]).get(5, TimeUnit.SECONDS)));
    }

    @Test
    void aStreamSourceThatThrowsAnErrorReplyEndsTheStreamWithItsMessage() {
        n2.register(CALL, frame -> Reply.stream(new ChunkSource() {
            int n;

            @Override
            public byte[] next() throws ErrorReply {
                if (n++ == 2) {
                    throw new ErrorReply(OWN_FAILURE, DETAILS, "lock timeout");
                }
                return new byte[] {(byte) n};
            }
        }));

        ResponseStream stream = n1.stream("n2", CALL, 4, new byte[0], Duration.ofSeconds(5));
        assertThat(stream.next().payload()).containsExactly(1);
        assertThat(stream.next().payload()).containsExactly(2);
        assertOwnFailure(catchThrowable(stream::hasNext));
    }

    private static void assertOwnFailure(Throwable thrown) {
        Throwable cause = thrown instanceof ExecutionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(RemoteErrorException.class);
        Frame frame = ((RemoteErrorException) cause).frame();
        assertThat(frame.type()).isEqualTo(OWN_FAILURE);
        assertThat(frame.has(Frame.RESPONSE)).isTrue();
        assertThat(frame.has(Frame.ERROR)).isTrue();
        assertThat(frame.groupId()).isEqualTo(4);
        assertThat(frame.payload()).containsExactly(DETAILS);
    }
}
