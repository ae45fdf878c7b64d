package org.distdata.transport.message;

import org.distdata.transport.codec.FrameDecodingException;

/**
 * A well-formed frame whose type code this node does not know, typically from a newer peer.
 * Unlike other decoding failures the stream is still in step, so the receiver may answer a
 * request with an {@link ErrorResponse} ({@code UNSUPPORTED}) and drop a one-way message
 * instead of closing the connection.
 */
public final class UnknownMessageTypeException extends FrameDecodingException {

    private final int type;

    public UnknownMessageTypeException(int type) {
        super(Reason.UNKNOWN_TYPE, "unknown message type " + Integer.toUnsignedString(type));
        this.type = type;
    }

    /** The unknown code. */
    public int type() {
        return type;
    }
}
