package org.distdata.transport.net;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameCodec;
import org.distdata.transport.codec.FrameDecodingException;

/**
 * Cuts the inbound byte stream into {@link Frame}s with {@link FrameCodec}. Bytes that
 * cannot be a frame (wrong magic or version, a length over the limit, a malformed header)
 * close the connection after one warning naming the peer and the reason: after a bad
 * frame the stream cannot be trusted to be in step, and nothing else on the node is
 * affected.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = Logger.getLogger(FrameDecoder.class.getName());

    private final FrameCodec codec;
    private boolean failed;

    FrameDecoder(FrameCodec codec) {
        this.codec = codec;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            ByteBuffer view = in.nioBuffer(in.readerIndex(), in.readableBytes());
            int start = view.position();
            Frame frame;
            try {
                frame = codec.decode(view);
            } catch (FrameDecodingException e) {
                failed = true;
                in.skipBytes(in.readableBytes());
                LOG.log(Level.WARNING, () -> "closing connection " + Channels.describe(ctx.channel())
                        + ": malformed frame (" + e.reason() + "): " + e.getMessage());
                ctx.close();
                return;
            }
            if (frame == null) {
                return;
            }
            in.skipBytes(view.position() - start);
            out.add(frame);
        }
    }
}
