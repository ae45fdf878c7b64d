package org.distdata.transport.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One frame on the wire: a message type, the request id that ties a response to its request,
 * the Raft group the message belongs to (0 when none), flag bits and the encoded message.
 * {@link FrameCodec} turns frames into bytes and back; docs/protocol.md describes the layout
 * and how the flags drive request/response, one-way and streamed exchanges.
 *
 * <p>{@code type} and {@code flags} travel as unsigned 32-bit varints, {@code requestId} and
 * {@code groupId} as unsigned 64-bit varints, so any value round-trips. The payload array is
 * neither copied nor defensively guarded: whoever builds a frame hands its payload over.
 */
public record Frame(int type, long requestId, long groupId, int flags, byte[] payload) {

    /** The frame answers the request with the same {@code requestId}. */
    public static final int RESPONSE = 1;
    /** No response is expected. */
    public static final int ONE_WAY = 2;
    /** One part of a streamed response; more parts follow. */
    public static final int STREAM_MORE = 4;
    /** The last part of a streamed response. */
    public static final int STREAM_END = 8;
    /** The response is a failure; its payload says why. Ends the exchange. */
    public static final int ERROR = 16;
    /** The requester abandons the exchange with this {@code requestId}. */
    public static final int CANCEL = 32;

    private static final byte[] EMPTY = new byte[0];

    public Frame {
        if (payload == null) {
            payload = EMPTY;
        }
    }

    /** Whether every bit of {@code flag} is set. */
    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && f.type == type && f.requestId == requestId && f.groupId == groupId
                && f.flags == flags && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((Integer.hashCode(type) * 31 + Long.hashCode(requestId)) * 31 + Long.hashCode(groupId)) * 31
                + flags * 17 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String head = payload.length <= 32 ? HexFormat.of().formatHex(payload)
                : HexFormat.of().formatHex(payload, 0, 32) + "…";
        return "Frame[type=" + type + ", requestId=" + requestId + ", groupId=" + groupId + ", flags=0x"
                + Integer.toHexString(flags) + ", payload=" + payload.length + "B " + head + "]";
    }
}
