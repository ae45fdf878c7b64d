package org.distdata.transport.fault;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Applies a {@link FaultInjector}'s rules to the frames of one connection: sits between the
 * frame codec and the RPC handler, so it sees whole frames. A dropped or cut outgoing frame
 * is reported as sent (a lossy network does not tell the sender); a cut incoming frame is
 * discarded. Installed by the transport only when fault injection is enabled.
 */
public final class FaultInjectionHandler extends ChannelDuplexHandler {

    private final FaultInjector faults;
    private final String localNode;
    private final Function<Channel, String> peerOf;

    /**
     * @param peerOf the node at the other end of a channel, or null while it is unknown
     */
    public FaultInjectionHandler(FaultInjector faults, String localNode, Function<Channel, String> peerOf) {
        this.faults = faults;
        this.localNode = localNode;
        this.peerOf = peerOf;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (faults.blocks(localNode, peerOf.apply(ctx.channel()))) {
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (faults.blocks(localNode, peerOf.apply(ctx.channel()))) {
            promise.trySuccess();
            return;
        }
        FaultInjector.Action action = faults.outbound();
        if (action == FaultInjector.Action.DROP) {
            promise.trySuccess();
            return;
        }
        long delay = faults.delayNanos();
        if (delay > 0) {
            ctx.executor().schedule(() -> forward(ctx, msg, promise, action, true), delay, TimeUnit.NANOSECONDS);
        } else {
            forward(ctx, msg, promise, action, false);
        }
    }

    private static void forward(ChannelHandlerContext ctx, Object msg, ChannelPromise promise, FaultInjector.Action action,
                                boolean flush) {
        if (action == FaultInjector.Action.DUPLICATE) {
            ctx.write(msg, ctx.voidPromise());
        }
        ctx.write(msg, promise);
        if (flush) {
            ctx.flush();
        }
    }
}
