package org.distdata.transport.net;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a {@link FrameHandler} answers a request with: one payload now or later, a stream of
 * parts, or nothing (for one-way frames). A response frame carries the request's type unless
 * the reply names another ({@code RAFT_VOTE_REQUEST} answered by {@code RAFT_VOTE_RESPONSE}),
 * and always the request's id and group id.
 */
public sealed interface Reply permits Reply.Unary, Reply.Streamed, Reply.LaterStream, Reply.None {

    /** Type code meaning "the type of the request". */
    int SAME_TYPE = -1;

    static Reply of(byte[] payload) {
        return new Unary(SAME_TYPE, CompletableFuture.completedFuture(payload));
    }

    static Reply of(int type, byte[] payload) {
        return new Unary(type, CompletableFuture.completedFuture(payload));
    }

    /**
     * A payload that comes later; if the requester cancels (or times out) first, the transport
     * cancels {@code payload.toCompletableFuture()}.
     */
    static Reply later(CompletionStage<byte[]> payload) {
        return new Unary(SAME_TYPE, payload);
    }

    static Reply later(int type, CompletionStage<byte[]> payload) {
        return new Unary(type, payload);
    }

    /** A streamed response: every part a STREAM_MORE frame, then an empty STREAM_END frame. */
    static Reply stream(ChunkSource source) {
        return new Streamed(SAME_TYPE, source);
    }

    static Reply stream(int type, ChunkSource source) {
        return new Streamed(type, source);
    }

    /**
     * A streamed response whose source is still being opened elsewhere (a query waiting for
     * locks or for a read index), so that no handler thread waits meanwhile. A failed stage
     * answers with an error; if the requester cancels first, the transport cancels
     * {@code source.toCompletableFuture()}, and whoever completes it later must close what it
     * opened.
     */
    static Reply streamLater(int type, CompletionStage<? extends ChunkSource> source) {
        return new LaterStream(type, source);
    }

    /** No answer: for one-way frames. */
    static Reply none() {
        return None.INSTANCE;
    }

    /** One response payload, possibly still to come. */
    record Unary(int type, CompletionStage<byte[]> payload) implements Reply {
        public Unary {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** A response in parts. */
    record Streamed(int type, ChunkSource source) implements Reply {
        public Streamed {
            Objects.requireNonNull(source, "source");
        }
    }

    /** A response in parts, from a source still being opened. */
    record LaterStream(int type, CompletionStage<? extends ChunkSource> source) implements Reply {
        public LaterStream {
            Objects.requireNonNull(source, "source");
        }
    }

    /** No response. */
    enum None implements Reply {
        INSTANCE
    }
}
