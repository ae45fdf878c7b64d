package org.distdata.transport.net;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.channel.Channel;
import org.distdata.transport.codec.Frame;

/**
 * Feeds a {@link ChunkSource} to the requester of a streamed response, server side. It
 * pulls a part only while the channel is writable (below its high water mark); when the
 * channel stops being writable it gives its thread back and waits for the channel's
 * writability event ({@link #resume()}), so a slow consumer throttles the producer and the
 * bytes queued per stream stay under the water mark. It yields its thread after a batch of
 * parts (fairness between streams), stops at the requester's cancel, and abandons a stream
 * whose consumer has not taken anything for {@link TransportConfig#streamStallTimeout()}.
 * At most one thread runs a pump at a time.
 */
final class StreamPump implements Runnable {

    private static final Logger LOG = Logger.getLogger(StreamPump.class.getName());
    private static final int BATCH = 64;

    private final ServerExchange exchange;
    private final ChunkSource source;
    private final int type;
    private final Executor executor;
    private final Duration stallTimeout;
    private final Channel channel;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong pauses = new AtomicLong();

    StreamPump(ServerExchange exchange, ChunkSource source, int type, Executor executor, Duration stallTimeout) {
        this.exchange = exchange;
        this.source = source;
        this.type = type;
        this.executor = executor;
        this.stallTimeout = stallTimeout;
        this.channel = exchange.channel();
    }

    void start() {
        exchange.attach(this);
        exchange.inbound.onCancel(this::resume);
        schedule();
    }

    /** The channel became writable, or the exchange was cancelled: run again. */
    void resume() {
        schedule();
    }

    private void schedule() {
        if (closed.get() || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this);
        } catch (RejectedExecutionException e) {
            queued.set(false);
            close();
        }
    }

    @Override
    public void run() {
        try {
            pump();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream to " + Channels.describe(channel) + " failed", e);
            exchange.respondError("INTERNAL", String.valueOf(e.getMessage()));
            close();
        } finally {
            queued.set(false);
            // A resume() that came while this run held the flag was swallowed: look again.
            if (!closed.get() && (exchange.isCancelled() || channel.isWritable())) {
                schedule();
            }
        }
    }

    private void pump() {
        long request = exchange.request.requestId();
        long group = exchange.request.groupId();
        for (int sent = 0; sent < BATCH; sent++) {
            if (closed.get()) {
                return;
            }
            if (exchange.isCancelled() || exchange.isFinished() || !channel.isActive()) {
                close();
                return;
            }
            if (!channel.isWritable()) {
                channel.flush();
                paused();
                return;
            }
            byte[] chunk;
            try {
                chunk = source.next();
            } catch (Exception e) {
                exchange.fail(e);
                close();
                return;
            }
            if (chunk == null) {
                exchange.respond(new Frame(type, request, group, Frame.RESPONSE | Frame.STREAM_END, null));
                close();
                return;
            }
            channel.write(new Frame(type, request, group, Frame.RESPONSE | Frame.STREAM_MORE, chunk));
        }
        channel.flush();
    }

    private void paused() {
        long pause = pauses.incrementAndGet();
        channel.eventLoop().schedule(() -> {
            if (pauses.get() == pause && !closed.get() && !channel.isWritable()) {
                LOG.warning(() -> "abandoning a stream to " + Channels.describe(channel) + ": its consumer took nothing for "
                        + stallTimeout.toMillis() + " ms");
                exchange.cancel();
            }
        }, stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                source.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a stream source failed", e);
            }
        }
    }
}
