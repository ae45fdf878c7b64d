package org.distdata.transport.codec;

/**
 * Bytes from a peer that are not a valid frame or message. The receiver logs the message
 * (it names what was wrong and where) and closes the connection: after a malformed frame the
 * stream cannot be trusted to be in step. {@link #reason()} classifies the failure for
 * metrics and tests.
 *
 * <p>No stack trace is captured: this is the peer's error, not ours, the message already
 * names the field and its offset, and a peer sending garbage should cost no more than parsing
 * it (filling in a stack trace costs more than decoding a typical frame).
 */
public class FrameDecodingException extends Exception {

    /** What was wrong with the bytes. */
    public enum Reason {
        /** The frame does not start with {@link FrameCodec#MAGIC}: not a DistData peer, or out of step. */
        BAD_MAGIC,
        /** The peer speaks another protocol version. */
        UNSUPPORTED_VERSION,
        /** The length field exceeds the receiver's frame limit. */
        FRAME_TOO_LARGE,
        /** The length field is too small to hold a frame header. */
        FRAME_TOO_SMALL,
        /** A varint is longer than 10 bytes, overflows its field, or is not minimally encoded. */
        MALFORMED_VARINT,
        /** A field runs past the end of the frame or payload. */
        TRUNCATED,
        /** Bytes are left over after the last field of a payload. */
        TRAILING_BYTES,
        /** A length or element count is negative or larger than what is left of the payload. */
        BAD_LENGTH,
        /** A field holds a value outside its domain: an unknown tag, enum code, boolean byte, date. */
        BAD_VALUE,
        /** A string is not well-formed UTF-8. */
        BAD_UTF8,
        /** The frame is well-formed but its message type is not in this node's catalogue. */
        UNKNOWN_TYPE
    }

    private final Reason reason;

    public FrameDecodingException(Reason reason, String message) {
        this(reason, message, null);
    }

    public FrameDecodingException(Reason reason, String message, Throwable cause) {
        super(message, cause, true, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
