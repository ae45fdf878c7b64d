package org.distdata.transport.net;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.distdata.error.ErrorCode;
import org.distdata.transport.codec.Frame;

/**
 * The parts of a streamed response, pulled by the consumer: {@link #hasNext()} waits (up to
 * the idle timeout) for the next part, {@link #next()} takes it. At most
 * {@link TransportConfig#streamWindow()} parts are buffered: when the buffer is full the
 * connection to the peer stops reading from its socket (Netty autoRead off), TCP's window
 * closes and the peer's stream pauses; when the consumer has taken half, reading resumes.
 *
 * <p>Pausing the connection also holds back the answers of other requests to that peer until
 * the consumer catches up, so consume streams promptly (or {@link #close()} them).
 * A stream ends at the peer's STREAM_END (whose payload, if any, is the last part); an ERROR
 * frame, a lost connection or the idle timeout make {@code hasNext()} throw a
 * {@link TransportException}. {@link #close()} before the end sends the peer a CANCEL.
 */
public final class ResponseStream implements Iterator<Frame>, AutoCloseable {

    private final String peer;
    private final long requestId;
    private final int type;
    private final long idleTimeoutNanos;
    private final int window;
    private final StreamControl control;
    private final ArrayDeque<Frame> parts = new ArrayDeque<>();
    private boolean ended;
    private boolean closed;
    private boolean pausing;
    private TransportException failure;

    ResponseStream(String peer, long requestId, int type, Duration idleTimeout, int window, StreamControl control) {
        this.peer = peer;
        this.requestId = requestId;
        this.type = type;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.window = window;
        this.control = control;
    }

    long requestId() {
        return requestId;
    }

    int type() {
        return type;
    }

    /**
     * Whether another part is (or will be) there; waits for it up to the idle timeout.
     *
     * @throws TransportException if the peer answered with an error, the connection was lost,
     *         or no part came within the idle timeout (the exchange is then cancelled)
     */
    @Override
    public boolean hasNext() {
        boolean timedOut = false;
        synchronized (this) {
            long deadline = System.nanoTime() + idleTimeoutNanos;
            while (parts.isEmpty() && !ended && !closed && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    failure = new RequestTimeoutException("no part of the stream from " + peer + " (request " + requestId
                            + ", type " + type + ") within " + Duration.ofNanos(idleTimeoutNanos).toMillis() + " ms");
                    timedOut = true;
                    break;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportException(ErrorCode.INTERNAL, "interrupted while waiting for " + peer);
                }
            }
            if (!parts.isEmpty()) {
                return true;
            }
        }
        if (timedOut) {
            control.abandon(this);
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            return false;
        }
    }

    @Override
    public Frame next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream from " + peer + " has ended");
        }
        synchronized (this) {
            Frame part = parts.poll();
            if (pausing && parts.size() <= window / 2) {
                pausing = false;
                control.resumeReading(this);
            }
            return part;
        }
    }

    /** Parts received and not taken yet. */
    public synchronized int buffered() {
        return parts.size();
    }

    /** Stops consuming: drops what is buffered and, before the end, cancels the exchange at the peer. */
    @Override
    public void close() {
        boolean unfinished;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            unfinished = !ended && failure == null;
            parts.clear();
            if (pausing) {
                pausing = false;
                control.resumeReading(this);
            }
            notifyAll();
        }
        if (unfinished) {
            control.abandon(this);
        }
    }

    /** A part arrived (I/O thread); returns true when it was the last one. */
    boolean onPart(Frame frame) {
        synchronized (this) {
            if (frame.has(Frame.ERROR)) {
                failure = RemoteErrorException.of(peer, frame);
            } else if (frame.has(Frame.STREAM_MORE)) {
                if (!closed) {
                    parts.add(frame);
                }
            } else {
                // STREAM_END, or a plain response to a stream request: the last part.
                ended = true;
                if (!closed && (frame.payload().length > 0 || !frame.has(Frame.STREAM_END))) {
                    parts.add(frame);
                }
            }
            boolean over = ended || failure != null;
            if (!over && !closed && !pausing && parts.size() >= window) {
                pausing = true;
                control.pauseReading(this);
            } else if (over && pausing) {
                pausing = false;
                control.resumeReading(this);
            }
            notifyAll();
            return over;
        }
    }

    /** This stream as its connection's pending exchange. */
    PendingCall asPendingCall() {
        return new PendingCall() {
            @Override
            public int type() {
                return type;
            }

            @Override
            public boolean onFrame(Frame frame) {
                return onPart(frame);
            }

            @Override
            public void fail(TransportException cause) {
                ResponseStream.this.fail(cause);
            }
        };
    }

    void fail(TransportException cause) {
        synchronized (this) {
            if (!ended && failure == null) {
                failure = cause;
            }
            if (pausing) {
                pausing = false;
                control.resumeReading(this);
            }
            notifyAll();
        }
    }
}
