package org.distdata.transport.net;

import java.util.Objects;

/**
 * Thrown by a {@link FrameHandler} (or a {@link ChunkSource}, or as the failure of a
 * {@link Reply#later} stage) to fail a request with the exchange's own failure message
 * rather than the generic {@code ErrorResponse}: the requester gets an ERROR frame of
 * {@link #type()} holding {@link #payload()}, and decodes it from
 * {@link RemoteErrorException#frame()}. This is how a failure that carries more than a code
 * and a text (an SQLState and vendor code, a leader hint) crosses the wire intact.
 */
public final class ErrorReply extends Exception {

    private final int type;
    private final byte[] payload;

    /** An error answer of message type {@code type} with {@code payload}, which is not copied. */
    public ErrorReply(int type, byte[] payload, String description) {
        super(description, null, false, false);
        this.type = type;
        this.payload = Objects.requireNonNull(payload, "payload");
    }

    public int type() {
        return type;
    }

    public byte[] payload() {
        return payload;
    }
}
