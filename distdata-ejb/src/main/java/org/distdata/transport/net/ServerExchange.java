package org.distdata.transport.net;

import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import org.distdata.transport.codec.Frame;

/**
 * One request a node is answering: it ends exactly once, by a response (or the last part of
 * a stream, or an error) or by the requester's cancel. Its slot in the connection's
 * in-flight count is given back when the last frame has been written, or at once on
 * cancel, so a requester that does not read its answers soon stops being read from.
 */
final class ServerExchange {

    final Frame request;
    final InboundFrame inbound;
    private final Channel channel;
    private final Runnable unregister;
    private final Runnable release;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile StreamPump pump;

    ServerExchange(Frame request, InboundFrame inbound, Channel channel, Runnable unregister, Runnable release) {
        this.request = request;
        this.inbound = inbound;
        this.channel = channel;
        this.unregister = unregister;
        this.release = release;
    }

    Channel channel() {
        return channel;
    }

    boolean isCancelled() {
        return inbound.isCancelled();
    }

    boolean isFinished() {
        return finished.get();
    }

    void attach(StreamPump streamPump) {
        this.pump = streamPump;
    }

    /** The stream feeding this exchange, if it answers with one. */
    StreamPump pump() {
        return pump;
    }

    /** Writes the final frame of the exchange, unless it already ended. */
    void respond(Frame response) {
        if (finish()) {
            channel.writeAndFlush(response).addListener(written -> release.run());
        }
    }

    void respondError(String code, String message) {
        respond(RemoteErrorException.errorFrame(request.requestId(), request.groupId(), code, message));
    }

    /**
     * Ends the exchange with an ERROR frame for {@code failure}: the handler's own failure
     * message when it threw an {@link ErrorReply}, else the generic {@code ErrorResponse}.
     */
    void fail(Throwable failure) {
        Throwable cause = ServerFrameHandler.unwrap(failure);
        if (cause instanceof ErrorReply reply) {
            respond(new Frame(reply.type(), request.requestId(), request.groupId(), Frame.RESPONSE | Frame.ERROR,
                    reply.payload()));
        } else {
            respondError(ServerFrameHandler.errorCode(cause), ServerFrameHandler.errorMessage(cause));
        }
    }

    /** The requester gave up (CANCEL, or its connection closed): stop and answer nothing. */
    void cancel() {
        boolean first = finish();
        inbound.cancel();
        if (first) {
            release.run();
        }
    }

    private boolean finish() {
        if (finished.compareAndSet(false, true)) {
            unregister.run();
            return true;
        }
        return false;
    }
}
