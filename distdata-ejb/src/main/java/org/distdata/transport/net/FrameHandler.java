package org.distdata.transport.net;

/**
 * Application code that answers one message type on this node. Registered with
 * {@link NodeTransport#register(int, FrameHandler)}; the transport calls it for every
 * request and one-way frame of that type from any peer.
 *
 * <p>It runs on one of the transport's handler threads ({@link TransportConfig#handlerThreads()}),
 * not on an I/O thread, so it may block briefly; long work should return {@link Reply#later}
 * (or {@link Reply#streamLater}) and finish elsewhere, above all work that waits for other
 * messages, which need these same threads to arrive. One-way frames from one connection are handled one at a time, in the
 * order they arrived; requests may be handled concurrently. For a one-way frame the returned
 * reply is ignored ({@link Reply#none()} is the natural answer).
 *
 * <p>Failures: an exception (or a failed {@link Reply#later} stage) becomes an ERROR answer
 * with the generic {@code ErrorResponse} (code {@code INTERNAL}, or the
 * {@code DistDataException}'s code), except an {@link ErrorReply}, whose own failure message
 * is sent instead; a request type with no handler is answered {@code UNSUPPORTED}.
 */
@FunctionalInterface
public interface FrameHandler {

    Reply handle(InboundFrame frame) throws Exception;
}
