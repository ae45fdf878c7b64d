package org.distdata.transport.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameCodec;

/** Writes outbound {@link Frame}s with {@link FrameCodec} into buffers of exactly their size. */
final class FrameEncoder extends MessageToByteEncoder<Frame> {

    private final FrameCodec codec;

    FrameEncoder(FrameCodec codec) {
        super(Frame.class);
        this.codec = codec;
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame frame, boolean preferDirect) {
        int size = codec.encodedSize(frame);
        return preferDirect ? ctx.alloc().ioBuffer(size, size) : ctx.alloc().heapBuffer(size, size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
        int size = codec.encodedSize(frame);
        int at = out.writerIndex();
        out.ensureWritable(size);
        codec.encode(frame, out.nioBuffer(at, size));
        out.writerIndex(at + size);
    }
}
