package org.distdata.transport.net;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.distdata.transport.codec.Frame;

/** The last handler of an outbound connection's pipeline: hands answers to the {@link PeerConnection}. */
final class ClientFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ClientFrameHandler.class.getName());

    private final PeerConnection connection;

    ClientFrameHandler(PeerConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.onFrame((Frame) msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A failed handshake is reported (once) by the connection attempt.
        Level level = Channels.tlsFailed(ctx.channel()) ? Level.FINE : Level.WARNING;
        LOG.log(level, () -> "closing connection " + Channels.describe(ctx.channel()) + ": " + cause);
        ctx.close();
    }
}
