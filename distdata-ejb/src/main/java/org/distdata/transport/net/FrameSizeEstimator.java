package org.distdata.transport.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.MessageSizeEstimator;
import org.distdata.transport.codec.Frame;

/**
 * Tells Netty how many bytes a queued {@link Frame} stands for, so that frames still waiting
 * to be encoded count against the channel's write-buffer water marks (Netty's default
 * estimator counts an unknown message as 8 bytes).
 */
final class FrameSizeEstimator implements MessageSizeEstimator {

    static final FrameSizeEstimator INSTANCE = new FrameSizeEstimator();
    private static final int HEADER_ESTIMATE = 32;

    private final Handle handle = message -> {
        if (message instanceof Frame frame) {
            return frame.payload().length + HEADER_ESTIMATE;
        } else if (message instanceof ByteBuf buf) {
            return buf.readableBytes();
        } else if (message instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        return 8;
    };

    @Override
    public Handle newHandle() {
        return handle;
    }
}
