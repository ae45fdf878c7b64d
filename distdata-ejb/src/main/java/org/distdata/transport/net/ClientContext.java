package org.distdata.transport.net;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.distdata.transport.codec.FrameCodec;

/** What every {@link PeerConnection} of one transport shares. */
final class ClientContext {

    private final TransportConfig config;
    private final EventLoopGroup group;
    private final Function<PeerConnection, Bootstrap> bootstraps;
    private final ReconnectBackoff backoff;
    private final FrameCodec codec;
    private final AtomicLong requestIds = new AtomicLong();

    ClientContext(TransportConfig config, EventLoopGroup group, Function<PeerConnection, Bootstrap> bootstraps,
                  ReconnectBackoff backoff, FrameCodec codec) {
        this.config = config;
        this.group = group;
        this.bootstraps = bootstraps;
        this.backoff = backoff;
        this.codec = codec;
    }

    TransportConfig config() {
        return config;
    }

    EventLoopGroup group() {
        return group;
    }

    Bootstrap bootstrap(PeerConnection connection) {
        return bootstraps.apply(connection);
    }

    ReconnectBackoff backoff() {
        return backoff;
    }

    FrameCodec codec() {
        return codec;
    }

    /** A request id unique within this node's lifetime (ids start at 1). */
    long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    /** Whether the calling thread is one of the I/O threads, which must never wait. */
    boolean onIoThread() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }
}
