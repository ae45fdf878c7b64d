package org.distdata.transport.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.ssl.SslHandler;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.tls.TransportTls;

/**
 * This node's one connection to one peer, for everything it sends there: opened on first
 * use, re-opened after a failure or loss with jittered exponential backoff (bounded by
 * {@link TransportConfig#reconnectMaxDelay()}), and matched up with the answers that come
 * back on it by request id. While the connection is down (state {@link ConnectionState#BACKOFF})
 * exchanges fail fast with {@link PeerUnavailableException}; during an attempt they wait for
 * its outcome. Requests in flight when the connection drops fail with
 * {@link PeerUnavailableException}. Bytes queued for the peer are bounded by
 * {@link OutboundBudget}.
 */
final class PeerConnection implements StreamControl {

    private static final Logger LOG = Logger.getLogger(PeerConnection.class.getName());

    private final String peer;
    private final InetSocketAddress address;
    private final ClientContext context;
    private final OutboundBudget budget;
    private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final Set<ResponseStream> fullStreams = new HashSet<>();
    private final ArrayDeque<QueuedWrite> waiting = new ArrayDeque<>();

    // Guarded by this.
    private ConnectionState state = ConnectionState.IDLE;
    private Channel channel;
    private int consecutiveFailures;
    private long attempts;
    private Throwable lastFailure;
    private long nextAttemptNanos;
    private ScheduledFuture<?> retry;

    PeerConnection(String peer, InetSocketAddress address, ClientContext context) {
        this.peer = peer;
        this.address = address;
        this.context = context;
        this.budget = new OutboundBudget(context.config().writeBufferHighWaterMark());
    }

    String peer() {
        return peer;
    }

    InetSocketAddress address() {
        return address;
    }

    CompletableFuture<Frame> request(int type, long groupId, byte[] payload, Duration timeout) {
        long id = context.nextRequestId();
        Frame request = checkedSize(new Frame(type, id, groupId, 0, payload));
        UnaryCall call = new UnaryCall(peer, type);
        pending.put(id, call);
        call.future.whenComplete((frame, failure) -> {
            if (failure instanceof CancellationException && pending.remove(id, call)) {
                sendCancel(id, type);
            }
        });
        try {
            call.timeout(context.group().schedule(() -> {
                if (pending.remove(id, call)) {
                    sendCancel(id, type); // queued before the caller learns of the timeout
                    call.future.completeExceptionally(new RequestTimeoutException("no answer from " + peer + " to request "
                            + id + " (type " + type + ") within " + timeout.toMillis() + " ms"));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            pending.remove(id, call);
            call.future.completeExceptionally(new TransportClosedException("the transport is shutting down"));
            return call.future;
        }
        write(request, () -> pending.get(id) == call).whenComplete((written, failure) -> {
            if (failure != null && pending.remove(id, call)) {
                call.future.completeExceptionally(failure);
            }
        });
        return call.future;
    }

    ResponseStream stream(int type, long groupId, byte[] payload, Duration idleTimeout) {
        long id = context.nextRequestId();
        Frame request = checkedSize(new Frame(type, id, groupId, 0, payload));
        ResponseStream stream = new ResponseStream(peer, id, type, idleTimeout, context.config().streamWindow(), this);
        PendingCall call = stream.asPendingCall();
        pending.put(id, call);
        write(request, () -> pending.get(id) == call).whenComplete((written, failure) -> {
            if (failure != null && pending.remove(id, call)) {
                stream.fail(failure instanceof TransportException t ? t
                        : new PeerUnavailableException("sending to " + peer + " failed: " + failure, failure));
            }
        });
        return stream;
    }

    CompletableFuture<Void> send(int type, long groupId, byte[] payload) {
        return write(checkedSize(new Frame(type, 0, groupId, Frame.ONE_WAY, payload)), () -> true);
    }

    /** A one-way frame that never waits for room in the budget. */
    CompletableFuture<Void> offer(int type, long groupId, byte[] payload) {
        return write(checkedSize(new Frame(type, 0, groupId, Frame.ONE_WAY, payload)), () -> true, 0);
    }

    private Frame checkedSize(Frame frame) {
        int size = context.codec().encodedSize(frame);
        if (size > context.config().maxFrameBytes()) {
            throw new IllegalArgumentException("frame of " + size + " bytes (type " + frame.type()
                    + ") exceeds the frame limit of " + context.config().maxFrameBytes() + " bytes");
        }
        return frame;
    }

    /**
     * Queues a frame: reserves its bytes in the budget (waiting up to the send timeout, not at
     * all on an I/O thread), then writes it, after the connection attempt under way if there
     * is one (frames waiting for a connection go out in the order they were queued). A frame
     * no longer {@code wanted} when its turn comes (its request timed out or was cancelled
     * meanwhile) is not sent. The future completes when the bytes reached the socket, or
     * fails with a {@link TransportException}.
     */
    private CompletableFuture<Void> write(Frame frame, BooleanSupplier wanted) {
        return write(frame, wanted, context.onIoThread() ? 0 : context.config().sendTimeout().toNanos());
    }

    private CompletableFuture<Void> write(Frame frame, BooleanSupplier wanted, long waitNanos) {
        int size = context.codec().encodedSize(frame);
        boolean reserved;
        try {
            reserved = budget.reserve(size, waitNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new PeerUnavailableException("interrupted while waiting to send to " + peer, e));
        }
        if (!reserved) {
            return CompletableFuture.failedFuture(new OutboundBufferFullException("outbound buffer to " + peer + " is full: "
                    + budget.used() + " bytes queued (limit " + budget.limit() + "), none drained within "
                    + Duration.ofNanos(waitNanos).toMillis() + " ms"));
        }
        QueuedWrite write = new QueuedWrite(peer, frame, size, wanted, budget);
        Channel ch;
        TransportException refused;
        synchronized (this) {
            switch (state) {
                case CONNECTED:
                    ch = channel;
                    refused = null;
                    break;
                case IDLE:
                    connect();
                    waiting.add(write);
                    return write.done;
                case CONNECTING:
                    waiting.add(write);
                    return write.done;
                case BACKOFF:
                    ch = null;
                    long waitMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(nextAttemptNanos - System.nanoTime()));
                    refused = new PeerUnavailableException("peer " + peer + " at " + address + " is unreachable ("
                            + consecutiveFailures + " failed attempt(s), last: " + lastFailure + "); next attempt in "
                            + waitMs + " ms", lastFailure);
                    break;
                default:
                    ch = null;
                    refused = new TransportClosedException("connection to " + peer + " is closed");
            }
        }
        if (refused != null) {
            write.fail(refused);
        } else {
            write.to(ch);
        }
        return write.done;
    }

    /** Starts an attempt; the caller holds the lock. */
    private void connect() {
        state = ConnectionState.CONNECTING;
        attempts++;
        ChannelFuture connecting = context.bootstrap(this).connect(address);
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                attemptFailed(connected.cause());
                return;
            }
            Channel ch = connecting.channel();
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                attemptSucceeded(ch);
                return;
            }
            ssl.handshakeFuture().addListener(handshake -> {
                if (!handshake.isSuccess()) {
                    ch.close();
                    attemptFailed(handshake.cause());
                    return;
                }
                try {
                    TransportTls.verifyPeer(ssl.engine().getSession(), peer);
                    attemptSucceeded(ch);
                } catch (SSLPeerUnverifiedException e) {
                    ch.close();
                    attemptFailed(e);
                }
            });
        });
    }

    private void attemptSucceeded(Channel ch) {
        synchronized (this) {
            if (state == ConnectionState.CLOSED) {
                ch.close();
                return;
            }
            boolean recovered = consecutiveFailures > 0;
            state = ConnectionState.CONNECTED;
            channel = ch;
            consecutiveFailures = 0;
            lastFailure = null;
            LOG.log(recovered ? Level.INFO : Level.FINE, () -> "connected to " + peer + " at " + address
                    + Channels.tlsProtocol(ch).map(p -> " (" + p + ")").orElse(" (plaintext)"));
            // Under the lock, so that frames queued during the attempt go out before any later one.
            for (QueuedWrite write = waiting.poll(); write != null; write = waiting.poll()) {
                write.to(ch);
            }
        }
        ch.closeFuture().addListener(closed -> disconnected(ch));
    }

    private void attemptFailed(Throwable cause) {
        List<QueuedWrite> failed;
        synchronized (this) {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            consecutiveFailures++;
            lastFailure = cause;
            Level level = consecutiveFailures == 1 ? Level.WARNING : Level.FINE;
            LOG.log(level, () -> "cannot connect to " + peer + " at " + address + " (attempt " + attempts + "): " + cause);
            scheduleRetry();
            failed = new ArrayList<>(waiting);
            waiting.clear();
        }
        PeerUnavailableException failure = new PeerUnavailableException("cannot connect to " + peer + " at " + address
                + ": " + cause, cause);
        failed.forEach(write -> write.fail(failure));
    }

    private void disconnected(Channel ch) {
        synchronized (this) {
            if (channel != ch) {
                return;
            }
            channel = null;
            fullStreams.clear();
            if (state != ConnectionState.CLOSED) {
                consecutiveFailures = 1;
                lastFailure = new IOException("connection lost");
                LOG.warning(() -> "connection to " + peer + " at " + address + " lost; reconnecting");
                scheduleRetry();
            }
        }
        failPending(new PeerUnavailableException("connection to " + peer + " at " + address
                + " was lost before the answer came", null));
    }

    /** The caller holds the lock. */
    private void scheduleRetry() {
        state = ConnectionState.BACKOFF;
        Duration delay = context.backoff().delay(consecutiveFailures);
        nextAttemptNanos = System.nanoTime() + delay.toNanos();
        try {
            retry = context.group().schedule(this::retry, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            state = ConnectionState.CLOSED; // the transport is shutting down
        }
    }

    private synchronized void retry() {
        if (state == ConnectionState.BACKOFF) {
            connect();
        }
    }

    /** An answer frame arrived on the connection (I/O thread). */
    void onFrame(Frame frame) {
        if (!frame.has(Frame.RESPONSE)) {
            LOG.fine(() -> "ignoring a non-response frame from " + peer + ": " + frame);
            return;
        }
        PendingCall call = pending.get(frame.requestId());
        if (call == null) {
            return; // answered after a timeout or cancel
        }
        if (call.onFrame(frame)) {
            pending.remove(frame.requestId(), call);
            if (frame.has(Frame.STREAM_MORE)) {
                sendCancel(frame.requestId(), call.type());
            }
        }
    }

    private void sendCancel(long requestId, int type) {
        Channel ch;
        synchronized (this) {
            ch = channel;
        }
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new Frame(type, requestId, 0, Frame.CANCEL, null));
        }
    }

    @Override
    public void pauseReading(ResponseStream stream) {
        synchronized (fullStreams) {
            fullStreams.add(stream);
            Channel ch = currentChannel();
            if (ch != null) {
                ch.config().setAutoRead(false);
            }
        }
    }

    @Override
    public void resumeReading(ResponseStream stream) {
        synchronized (fullStreams) {
            if (fullStreams.remove(stream) && fullStreams.isEmpty()) {
                Channel ch = currentChannel();
                if (ch != null) {
                    ch.config().setAutoRead(true);
                }
            }
        }
    }

    @Override
    public void abandon(ResponseStream stream) {
        PendingCall call = pending.get(stream.requestId());
        if (call != null && pending.remove(stream.requestId(), call)) {
            sendCancel(stream.requestId(), stream.type());
        }
    }

    private synchronized Channel currentChannel() {
        return channel;
    }

    /** Closes the connection for good: pending exchanges fail with {@code cause}. */
    void close(TransportException cause) {
        Channel ch;
        List<QueuedWrite> unsent;
        synchronized (this) {
            if (state == ConnectionState.CLOSED) {
                return;
            }
            state = ConnectionState.CLOSED;
            ch = channel;
            channel = null;
            unsent = new ArrayList<>(waiting);
            waiting.clear();
            if (retry != null) {
                retry.cancel(false);
            }
        }
        failPending(cause);
        unsent.forEach(write -> write.fail(cause));
        if (ch != null) {
            ch.close();
        }
    }

    private void failPending(TransportException cause) {
        for (Map.Entry<Long, PendingCall> entry : pending.entrySet()) {
            if (pending.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().fail(cause);
            }
        }
    }

    synchronized ConnectionStatus status() {
        return new ConnectionStatus(peer, state, consecutiveFailures, attempts,
                Optional.ofNullable(lastFailure).map(String::valueOf), budget.used(), pending.size());
    }

    synchronized Optional<Channel> channel() {
        return Optional.ofNullable(channel);
    }
}
