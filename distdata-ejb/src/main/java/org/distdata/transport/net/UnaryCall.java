package org.distdata.transport.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.distdata.error.ErrorCode;
import org.distdata.transport.codec.Frame;

/** A request waiting for one response frame. */
final class UnaryCall implements PendingCall {

    final CompletableFuture<Frame> future = new CompletableFuture<>();
    private final String peer;
    private final int type;
    private volatile ScheduledFuture<?> timeout;

    UnaryCall(String peer, int type) {
        this.peer = peer;
        this.type = type;
        future.whenComplete((frame, failure) -> {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
        });
    }

    void timeout(ScheduledFuture<?> handle) {
        this.timeout = handle;
        if (future.isDone()) {
            handle.cancel(false);
        }
    }

    @Override
    public int type() {
        return type;
    }

    @Override
    public boolean onFrame(Frame frame) {
        if (frame.has(Frame.ERROR)) {
            future.completeExceptionally(RemoteErrorException.of(peer, frame));
        } else if (frame.has(Frame.STREAM_MORE) || frame.has(Frame.STREAM_END)) {
            future.completeExceptionally(new TransportException(ErrorCode.INTERNAL,
                    "peer " + peer + " answered request type " + type + " with a stream; use NodeTransport.stream"));
        } else {
            future.complete(frame);
        }
        return true;
    }

    @Override
    public void fail(TransportException cause) {
        future.completeExceptionally(cause);
    }
}
