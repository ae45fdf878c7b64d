package org.distdata.transport.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

import org.distdata.transport.codec.FrameDecodingException.Reason;

/**
 * Turns {@link Frame}s into bytes and back. Layout (docs/protocol.md has the diagram):
 * {@code u32 length} (big-endian, the bytes after this field) · {@code u16 magic} ·
 * {@code u8 version} · varint {@code type} · varint {@code requestId} · varint {@code groupId} ·
 * varint {@code flags} · payload (the rest of the frame).
 *
 * <p>{@code maxFrameBytes} bounds a whole frame, length field included (as Netty's
 * {@code LengthFieldBasedFrameDecoder} counts it). The decoder checks the length field before
 * it waits for or allocates anything, and the only allocation is the payload, which lies
 * inside the frame; so no length field can make it allocate more than the limit. Thread-safe:
 * the codec holds nothing but its limit.
 */
public final class FrameCodec {

    public static final int MAGIC = 0xDD01;
    public static final int VERSION = 1;
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;

    /** Bytes of the length field. */
    public static final int LENGTH_FIELD_BYTES = 4;
    /** The smallest frame body: magic, version and four one-byte varints. */
    public static final int MIN_BODY_BYTES = 2 + 1 + 4;

    private final int maxFrameBytes;

    public FrameCodec() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public FrameCodec(int maxFrameBytes) {
        if (maxFrameBytes < LENGTH_FIELD_BYTES + MIN_BODY_BYTES) {
            throw new IllegalArgumentException("a frame limit of " + maxFrameBytes + " bytes cannot hold a frame header");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The largest whole frame, length field included, that this codec encodes or accepts. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /**
     * Bytes {@code frame} takes on the wire, length field included. Does not check the frame
     * limit; {@link #encode} does.
     */
    public int encodedSize(Frame frame) {
        long size = LENGTH_FIELD_BYTES + bodySize(frame);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame of " + size + " bytes is over 2 GiB");
        }
        return (int) size;
    }

    /** The whole frame, length field included. */
    public byte[] encode(Frame frame) {
        byte[] out = new byte[checkedSize(frame)];
        encode(frame, ByteBuffer.wrap(out));
        return out;
    }

    /**
     * Writes the whole frame at {@code out}'s position and advances it. Throws
     * {@link IllegalArgumentException} for a frame over the limit (split it or refuse it) and
     * {@link BufferOverflowException} if {@code out} has less room than
     * {@link #encodedSize}, in which case nothing is written.
     */
    public void encode(Frame frame, ByteBuffer out) {
        int size = checkedSize(frame);
        if (out.remaining() < size) {
            throw new BufferOverflowException();
        }
        int body = size - LENGTH_FIELD_BYTES;
        out.put((byte) (body >>> 24)).put((byte) (body >>> 16)).put((byte) (body >>> 8)).put((byte) body);
        out.put((byte) (MAGIC >>> 8)).put((byte) MAGIC).put((byte) VERSION);
        Varint.write(out, Integer.toUnsignedLong(frame.type()));
        Varint.write(out, frame.requestId());
        Varint.write(out, frame.groupId());
        Varint.write(out, Integer.toUnsignedLong(frame.flags()));
        out.put(frame.payload());
    }

    /**
     * Reads one frame if a whole one is available at {@code in.position()}: returns it and
     * advances the position past it. Returns null, position unchanged, when more bytes are
     * needed. Throws, position unchanged, when the bytes cannot be a valid frame: a bad magic
     * or version (checked as soon as those bytes arrive), a length field over the limit or
     * under the header size (checked as soon as the length field arrives), or a malformed
     * header varint. The payload is not looked at: {@code MessageCodec} checks it, trailing
     * bytes included.
     */
    public Frame decode(ByteBuffer in) throws FrameDecodingException {
        int start = in.position();
        int available = in.remaining();
        if (available < LENGTH_FIELD_BYTES) {
            return null;
        }
        long length = unsignedByte(in, start) << 24 | unsignedByte(in, start + 1) << 16
                | unsignedByte(in, start + 2) << 8 | unsignedByte(in, start + 3);
        if (length > maxFrameBytes - LENGTH_FIELD_BYTES) {
            throw new FrameDecodingException(Reason.FRAME_TOO_LARGE, "frame length field says " + length
                    + " bytes; the limit is " + (maxFrameBytes - LENGTH_FIELD_BYTES)
                    + " (a " + maxFrameBytes + "-byte frame with its length field)");
        }
        if (length < MIN_BODY_BYTES) {
            throw new FrameDecodingException(Reason.FRAME_TOO_SMALL, "frame length field says " + length
                    + " bytes; a frame header takes at least " + MIN_BODY_BYTES);
        }
        if (available >= LENGTH_FIELD_BYTES + 2) {
            int magic = (int) (unsignedByte(in, start + 4) << 8 | unsignedByte(in, start + 5));
            if (magic != MAGIC) {
                throw new FrameDecodingException(Reason.BAD_MAGIC, String.format(
                        "bad magic 0x%04X (expected 0x%04X): not a DistData peer, or the stream is out of step",
                        magic, MAGIC));
            }
        }
        if (available >= LENGTH_FIELD_BYTES + 3) {
            int version = (int) unsignedByte(in, start + 6);
            if (version != VERSION) {
                throw new FrameDecodingException(Reason.UNSUPPORTED_VERSION, "peer speaks protocol version "
                        + version + "; this node speaks version " + VERSION);
            }
        }
        if (available - LENGTH_FIELD_BYTES < length) {
            return null;
        }
        int end = start + LENGTH_FIELD_BYTES + (int) length;
        PayloadReader header = new PayloadReader(in, start + LENGTH_FIELD_BYTES + 3, end);
        int type = header.readVarInt("frame type");
        long requestId = header.readVarLong("frame requestId");
        long groupId = header.readVarLong("frame groupId");
        int flags = header.readVarInt("frame flags");
        byte[] payload = new byte[end - header.position()];
        in.get(header.position(), payload);
        in.position(end);
        return new Frame(type, requestId, groupId, flags, payload);
    }

    private int checkedSize(Frame frame) {
        long size = LENGTH_FIELD_BYTES + bodySize(frame);
        if (size > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + size + " bytes (type " + frame.type() + ", payload "
                    + frame.payload().length + " bytes) exceeds the limit of " + maxFrameBytes + " bytes");
        }
        return (int) size;
    }

    private static long bodySize(Frame frame) {
        return 2L + 1 + Varint.size(frame.type()) + Varint.size(frame.requestId()) + Varint.size(frame.groupId())
                + Varint.size(frame.flags()) + frame.payload().length;
    }

    private static long unsignedByte(ByteBuffer in, int index) {
        return in.get(index) & 0xFFL;
    }
}
