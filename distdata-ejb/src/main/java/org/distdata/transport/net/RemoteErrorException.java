package org.distdata.transport.net;

import org.distdata.error.ErrorCode;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.message.ErrorResponse;
import org.distdata.transport.message.MessageCodec;
import org.distdata.transport.message.MessageType;

/**
 * The peer answered with an ERROR frame. When the frame holds the generic
 * {@link ErrorResponse} (the transport's own failures: no handler, the handler threw, the
 * peer is shutting down) its code and message become this exception's; any other error
 * message (for example a {@code FragmentError}) is left for the caller to decode from
 * {@link #frame()}.
 */
public class RemoteErrorException extends TransportException {

    private static final MessageCodec MESSAGES = new MessageCodec();

    private final String peer;
    private final Frame frame;
    private final String remoteCode;

    private RemoteErrorException(String peer, Frame frame, String remoteCode, String detail) {
        super(errorCode(remoteCode), detail);
        this.peer = peer;
        this.frame = frame;
        this.remoteCode = remoteCode;
    }

    static RemoteErrorException of(String peer, Frame frame) {
        if (frame.type() == MessageType.ERROR_RESPONSE.code()) {
            try {
                ErrorResponse error = (ErrorResponse) MESSAGES.decode(frame.type(), frame.groupId(), frame.payload());
                return new RemoteErrorException(peer, frame, error.code(),
                        "peer " + peer + " answered " + error.code() + ": " + error.message());
            } catch (FrameDecodingException | ClassCastException e) {
                return new RemoteErrorException(peer, frame, "INTERNAL",
                        "peer " + peer + " answered with an unreadable error: " + e.getMessage());
            }
        }
        return new RemoteErrorException(peer, frame, "INTERNAL", "peer " + peer + " answered with an error message of type "
                + frame.type() + " (" + frame.payload().length + " bytes)");
    }

    /** The frame of an error answer produced by the transport itself. */
    static Frame errorFrame(long requestId, long groupId, String code, String message) {
        byte[] payload = MESSAGES.encode(new ErrorResponse(code, message == null ? "" : message));
        return new Frame(MessageType.ERROR_RESPONSE.code(), requestId, groupId, Frame.RESPONSE | Frame.ERROR, payload);
    }

    public String peer() {
        return peer;
    }

    /** The error frame as received. */
    public Frame frame() {
        return frame;
    }

    /** The peer's error code: an {@link ErrorCode} name, or {@code UNSUPPORTED} for an unknown message type. */
    public String remoteCode() {
        return remoteCode;
    }

    private static ErrorCode errorCode(String remoteCode) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(remoteCode)) {
                return code;
            }
        }
        return ErrorCode.INTERNAL;
    }
}
