package org.distdata.transport.net;

/**
 * The parts of a streamed response, pulled by the transport only while the connection to
 * the requester can take more bytes: a slow consumer slows the producer instead of filling
 * this node's memory. {@link #next()} runs on a transport handler thread and may block (for
 * example on a database cursor).
 */
public interface ChunkSource extends AutoCloseable {

    /** The next part's payload, or null when the stream is complete. A throw ends the stream with an ERROR frame. */
    byte[] next() throws Exception;

    /** Releases what the source holds; called exactly once: after the end, a failure, or a cancel by the requester. */
    @Override
    default void close() throws Exception {
    }
}
