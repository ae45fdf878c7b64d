package org.distdata.transport.net;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.distdata.error.DistDataException;
import org.distdata.transport.codec.Frame;

/**
 * The answering side of one inbound connection: dispatches each request and one-way frame
 * to the {@link FrameHandler} registered for its type (on the handler threads), writes the
 * reply, and stops the exchange named by a CANCEL frame. When the connection has
 * {@link TransportConfig#maxInflightPerConnection()} requests in progress it stops reading
 * from the socket (TCP then pushes back on the requester) and reads again at half that.
 */
final class ServerFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ServerFrameHandler.class.getName());

    private final IntFunction<FrameHandler> handlers;
    private final Executor executor;
    private final TransportConfig config;
    private final String localNode;
    private final Map<Long, ServerExchange> exchanges = new ConcurrentHashMap<>();
    private final AtomicInteger inflight = new AtomicInteger();
    private SerialExecutor oneWays;
    private Channel channel;
    private boolean readingPaused;

    ServerFrameHandler(IntFunction<FrameHandler> handlers, Executor executor, TransportConfig config) {
        this.handlers = handlers;
        this.executor = executor;
        this.config = config;
        this.localNode = config.nodeName();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        oneWays = new SerialExecutor(executor);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        if (frame.has(Frame.CANCEL)) {
            ServerExchange exchange = exchanges.get(frame.requestId());
            if (exchange != null) {
                exchange.cancel();
            }
            return;
        }
        if (frame.has(Frame.RESPONSE)) {
            LOG.fine(() -> "ignoring a response frame on inbound connection " + Channels.describe(channel) + ": " + frame);
            return;
        }
        InboundFrame inbound = new InboundFrame(frame, Channels.peer(channel).orElse(String.valueOf(channel.remoteAddress())));
        admit();
        if (frame.has(Frame.ONE_WAY)) {
            try {
                oneWays.execute(() -> {
                    try {
                        handleOneWay(inbound);
                    } finally {
                        release();
                    }
                });
            } catch (RejectedExecutionException e) {
                release();
            }
            return;
        }
        ServerExchange exchange = new ServerExchange(frame, inbound, channel,
                () -> exchanges.remove(frame.requestId()), this::release);
        if (exchanges.putIfAbsent(frame.requestId(), exchange) != null) {
            release();
            channel.writeAndFlush(RemoteErrorException.errorFrame(frame.requestId(), frame.groupId(), "BAD_REQUEST",
                    "request id " + frame.requestId() + " is already in progress on this connection"));
            return;
        }
        try {
            executor.execute(() -> answer(exchange));
        } catch (RejectedExecutionException e) {
            exchange.respondError("NODE_UNAVAILABLE", "node " + localNode + " is shutting down");
        }
    }

    private void handleOneWay(InboundFrame inbound) {
        FrameHandler handler = handlers.apply(inbound.type());
        if (handler == null) {
            LOG.fine(() -> "dropping one-way frame of unknown type " + inbound.type() + " from " + inbound.peer());
            return;
        }
        try {
            Reply reply = handler.handle(inbound);
            if (reply instanceof Reply.Streamed streamed) {
                streamed.source().close();
            } else if (reply instanceof Reply.LaterStream later) {
                later.source().thenAccept(ServerFrameHandler::closeQuietly);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "handler of one-way type " + inbound.type() + " from " + inbound.peer() + " failed", e);
        }
    }

    private void answer(ServerExchange exchange) {
        if (exchange.isCancelled()) {
            return;
        }
        Frame request = exchange.request;
        FrameHandler handler = handlers.apply(request.type());
        if (handler == null) {
            exchange.respondError("UNSUPPORTED", "node " + localNode + " has no handler for message type " + request.type());
            return;
        }
        Reply reply;
        try {
            reply = handler.handle(exchange.inbound);
        } catch (Exception e) {
            LOG.log(Level.FINE, "handler of type " + request.type() + " failed", e);
            exchange.fail(e);
            return;
        }
        if (reply instanceof Reply.Unary unary) {
            int type = unary.type() == Reply.SAME_TYPE ? request.type() : unary.type();
            CompletableFuture<byte[]> payload = unary.payload().toCompletableFuture();
            exchange.inbound.onCancel(() -> payload.cancel(false));
            payload.whenComplete((bytes, failure) -> {
                if (failure != null) {
                    exchange.fail(failure);
                } else {
                    exchange.respond(new Frame(type, request.requestId(), request.groupId(), Frame.RESPONSE, bytes));
                }
            });
        } else if (reply instanceof Reply.Streamed streamed) {
            int type = streamed.type() == Reply.SAME_TYPE ? request.type() : streamed.type();
            new StreamPump(exchange, streamed.source(), type, executor, config.streamStallTimeout()).start();
        } else if (reply instanceof Reply.LaterStream later) {
            int type = later.type() == Reply.SAME_TYPE ? request.type() : later.type();
            CompletableFuture<? extends ChunkSource> opening = later.source().toCompletableFuture();
            exchange.inbound.onCancel(() -> opening.cancel(false));
            opening.whenComplete((source, failure) -> {
                if (failure != null) {
                    exchange.fail(failure);
                } else if (exchange.isFinished()) {
                    closeQuietly(source);
                } else {
                    // A cancel from here on reaches the pump, which closes the source.
                    new StreamPump(exchange, source, type, executor, config.streamStallTimeout()).start();
                }
            });
        } else {
            exchange.respondError("INTERNAL", "the handler of message type " + request.type() + " gave no reply to a request");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            for (ServerExchange exchange : exchanges.values()) {
                StreamPump pump = exchange.pump();
                if (pump != null) {
                    pump.resume();
                }
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (ServerExchange exchange : exchanges.values()) {
            exchange.cancel();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Level level = Channels.tlsFailed(ctx.channel()) ? Level.FINE : Level.WARNING;
        LOG.log(level, () -> "closing inbound connection " + Channels.describe(ctx.channel()) + ": " + cause);
        ctx.close();
    }

    /** Requests of this connection in progress. */
    int inflight() {
        return inflight.get();
    }

    private void admit() {
        if (inflight.incrementAndGet() >= config.maxInflightPerConnection()) {
            setReading(false);
        }
    }

    private void release() {
        if (inflight.decrementAndGet() <= config.maxInflightPerConnection() / 2) {
            setReading(true);
        }
    }

    private synchronized void setReading(boolean read) {
        if (readingPaused == !read) {
            return;
        }
        readingPaused = !read;
        channel.config().setAutoRead(read);
    }

    private static void closeQuietly(ChunkSource source) {
        try {
            source.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing a stream source failed", e);
        }
    }

    static String errorCode(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DistDataException e) {
            return e.code().name();
        }
        return "INTERNAL";
    }

    static String errorMessage(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
