package org.distdata.transport.net;

import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.distdata.transport.codec.FrameCodec;
import org.distdata.transport.fault.FaultInjectionHandler;
import org.distdata.transport.fault.FaultInjector;
import org.distdata.transport.tls.PeerIdentity;
import org.distdata.transport.tls.TransportTls;

/**
 * Builds the handler chain of every connection, inbound or outbound:
 * {@code tls} (unless plaintext) · {@code frame-decoder} · {@code frame-encoder} ·
 * {@code faults} (only with fault injection enabled) · {@code rpc}.
 */
final class TransportPipeline {

    private static final Logger LOG = Logger.getLogger(TransportPipeline.class.getName());

    private final TransportConfig config;
    private final FrameCodec codec;
    private final TransportTls tls;
    private final FaultInjector faults;
    private final IntFunction<FrameHandler> handlers;
    private final Executor handlerExecutor;

    TransportPipeline(TransportConfig config, FrameCodec codec, TransportTls tls, FaultInjector faults,
                      IntFunction<FrameHandler> handlers, Executor handlerExecutor) {
        this.config = config;
        this.codec = codec;
        this.tls = tls;
        this.faults = faults;
        this.handlers = handlers;
        this.handlerExecutor = handlerExecutor;
    }

    void installServer(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            SslHandler ssl = tls.serverContext().newHandler(ch.alloc());
            ssl.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
            p.addLast(Channels.TLS, ssl);
            p.addLast(Channels.TLS_EVENTS, new InboundTlsEvents());
        }
        addFraming(p);
        p.addLast(Channels.RPC, new ServerFrameHandler(handlers, handlerExecutor, config));
    }

    void installClient(SocketChannel ch, PeerConnection connection) {
        ch.attr(Channels.PEER).set(connection.peer());
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            SslHandler ssl = tls.clientContext().newHandler(ch.alloc(), connection.address().getHostString(),
                    connection.address().getPort());
            ssl.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
            p.addLast(Channels.TLS, ssl);
        }
        addFraming(p);
        p.addLast(Channels.RPC, new ClientFrameHandler(connection));
    }

    private void addFraming(ChannelPipeline p) {
        p.addLast(Channels.FRAME_DECODER, new FrameDecoder(codec));
        p.addLast(Channels.FRAME_ENCODER, new FrameEncoder(codec));
        if (faults != null) {
            p.addLast(Channels.FAULTS, new FaultInjectionHandler(faults, config.nodeName(),
                    channel -> Channels.peer(channel).orElse(null)));
        }
    }

    /**
     * On an inbound TLS connection: names the peer after a successful handshake (from its
     * certificate), and logs a refused one (no certificate, a certificate of another CA, an
     * old protocol version) with the address it came from.
     */
    private static final class InboundTlsEvents extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                    PeerIdentity.nodeName(ssl.engine().getSession()).ifPresent(n -> ctx.channel().attr(Channels.PEER).set(n));
                    LOG.fine(() -> "accepted TLS connection " + Channels.describe(ctx.channel()));
                } else {
                    LOG.log(Level.WARNING, () -> "refused connection from " + ctx.channel().remoteAddress()
                            + ": TLS handshake failed: " + rootMessage(handshake.cause()));
                }
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == failure ? String.valueOf(failure) : failure + " (" + t + ")";
    }
}
