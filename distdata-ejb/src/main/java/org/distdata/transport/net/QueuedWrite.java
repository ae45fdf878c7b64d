package org.distdata.transport.net;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import io.netty.channel.Channel;
import org.distdata.error.ErrorCode;
import org.distdata.transport.codec.Frame;

/**
 * A frame on its way to a peer's socket. Its bytes stay reserved in the peer's
 * {@link OutboundBudget} until the write ends, well or badly; a frame no longer
 * {@code wanted} when its turn comes (its request timed out or was cancelled while the
 * connection was being opened) is not sent at all.
 */
final class QueuedWrite {

    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final String peer;
    private final Frame frame;
    private final int size;
    private final BooleanSupplier wanted;
    private final OutboundBudget budget;

    QueuedWrite(String peer, Frame frame, int size, BooleanSupplier wanted, OutboundBudget budget) {
        this.peer = peer;
        this.frame = frame;
        this.size = size;
        this.wanted = wanted;
        this.budget = budget;
    }

    void to(Channel ch) {
        if (!wanted.getAsBoolean()) {
            fail(new TransportException(ErrorCode.TIMEOUT, "abandoned before it was sent to " + peer));
            return;
        }
        ch.writeAndFlush(frame).addListener(written -> {
            budget.release(size);
            if (written.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(new PeerUnavailableException("sending to " + peer + " failed: "
                        + written.cause(), written.cause()));
            }
        });
    }

    void fail(TransportException cause) {
        budget.release(size);
        done.completeExceptionally(cause);
    }
}
