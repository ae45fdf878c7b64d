package org.distdata.transport.net;

import java.util.Optional;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

/** What the transport records on a Netty channel, and how it names a channel in logs. */
final class Channels {

    /** The node at the other end, once known: the peer a client dialled, or the name in a client's certificate. */
    static final AttributeKey<String> PEER = AttributeKey.valueOf("distdata.peer");

    static final String TLS = "tls";
    static final String TLS_EVENTS = "tls-events";
    static final String FRAME_DECODER = "frame-decoder";
    static final String FRAME_ENCODER = "frame-encoder";
    static final String FAULTS = "faults";
    static final String RPC = "rpc";

    private Channels() {
    }

    static Optional<String> peer(Channel channel) {
        return Optional.ofNullable(channel.attr(PEER).get());
    }

    /** E.g. {@code n2 (/127.0.0.1:41234 -> /127.0.0.1:7101)} or {@code /127.0.0.1:41234 -> /127.0.0.1:7100}. */
    static String describe(Channel channel) {
        String addresses = channel.remoteAddress() + " -> " + channel.localAddress();
        return peer(channel).map(p -> p + " (" + addresses + ")").orElse(addresses);
    }

    /** Whether the channel uses TLS and its handshake has not succeeded (failed, or not done yet). */
    static boolean tlsFailed(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        return ssl != null && !ssl.handshakeFuture().isSuccess();
    }

    /** The negotiated TLS protocol of an established connection, e.g. {@code TLSv1.3}. */
    static Optional<String> tlsProtocol(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        return Optional.ofNullable(ssl.engine().getSession().getProtocol());
    }
}
