package org.distdata.transport.net;

import java.time.Duration;
import java.util.Objects;

import org.distdata.transport.codec.FrameCodec;
import org.distdata.transport.tls.PeerIdentity;
import org.distdata.transport.tls.TlsFiles;

/**
 * How one node's {@link NodeTransport} runs: where it listens, its TLS material, and the
 * bounds that keep it from waiting or buffering without limit. Built with
 * {@link #builder(String)}; {@link TransportSettings} builds it from the node's
 * configuration.
 *
 * <p>Security defaults: mutual TLS is on; {@link Builder#plaintext(boolean) plaintext(true)}
 * is the only way to turn it off, and a config without TLS material is refused otherwise.
 * {@link Builder#faultInjection(boolean) faultInjection} is for tests: production code
 * never sets it (see {@link TransportSettings} and {@code org.distdata.transport.fault}).
 */
public final class TransportConfig {

    public static final int DEFAULT_PORT = 7100;

    private final String nodeName;
    private final String bindHost;
    private final int port;
    private final boolean plaintext;
    private final TlsFiles tls;
    private final boolean faultInjection;
    private final int ioThreads;
    private final int handlerThreads;
    private final int maxFrameBytes;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration sendTimeout;
    private final int writeBufferLowWaterMark;
    private final int writeBufferHighWaterMark;
    private final int streamWindow;
    private final int maxInflightPerConnection;
    private final Duration streamStallTimeout;
    private final Duration reconnectBaseDelay;
    private final Duration reconnectMaxDelay;
    private final int socketBufferBytes;
    private final Duration shutdownQuietPeriod;
    private final Duration shutdownTimeout;

    private TransportConfig(Builder b) {
        nodeName = PeerIdentity.requireValidNodeName(b.nodeName);
        bindHost = Objects.requireNonNull(b.bindHost, "bindHost");
        port = b.port;
        plaintext = b.plaintext;
        tls = b.tls;
        faultInjection = b.faultInjection;
        ioThreads = b.ioThreads;
        handlerThreads = b.handlerThreads;
        maxFrameBytes = b.maxFrameBytes;
        connectTimeout = b.connectTimeout;
        requestTimeout = b.requestTimeout;
        sendTimeout = b.sendTimeout;
        writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        streamWindow = b.streamWindow;
        maxInflightPerConnection = b.maxInflightPerConnection;
        streamStallTimeout = b.streamStallTimeout;
        reconnectBaseDelay = b.reconnectBaseDelay;
        reconnectMaxDelay = b.reconnectMaxDelay;
        socketBufferBytes = b.socketBufferBytes;
        shutdownQuietPeriod = b.shutdownQuietPeriod;
        shutdownTimeout = b.shutdownTimeout;
        if (!plaintext && tls == null) {
            throw new IllegalArgumentException("node " + nodeName + ": TLS material is required (mutual TLS is the default);"
                    + " only an explicit plaintext=true runs the transport without it");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (ioThreads < 1 || handlerThreads < 1 || streamWindow < 1 || maxInflightPerConnection < 1) {
            throw new IllegalArgumentException("ioThreads, handlerThreads, streamWindow and maxInflightPerConnection must be >= 1");
        }
        if (writeBufferLowWaterMark < 1 || writeBufferHighWaterMark < writeBufferLowWaterMark) {
            throw new IllegalArgumentException("need 0 < writeBufferLowWaterMark <= writeBufferHighWaterMark");
        }
        new FrameCodec(maxFrameBytes);
        for (Duration d : new Duration[] {connectTimeout, requestTimeout, sendTimeout, streamStallTimeout,
                reconnectBaseDelay, reconnectMaxDelay, shutdownQuietPeriod, shutdownTimeout}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("durations must be set and not negative");
            }
        }
        if (reconnectMaxDelay.compareTo(reconnectBaseDelay) < 0 || reconnectBaseDelay.isZero()) {
            throw new IllegalArgumentException("need 0 < reconnectBaseDelay <= reconnectMaxDelay");
        }
    }

    /** A config for node {@code nodeName} with every default: set TLS material or plaintext before {@code build()}. */
    public static Builder builder(String nodeName) {
        return new Builder(nodeName);
    }

    public Builder toBuilder() {
        Builder b = new Builder(nodeName);
        b.bindHost = bindHost;
        b.port = port;
        b.plaintext = plaintext;
        b.tls = tls;
        b.faultInjection = faultInjection;
        b.ioThreads = ioThreads;
        b.handlerThreads = handlerThreads;
        b.maxFrameBytes = maxFrameBytes;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.sendTimeout = sendTimeout;
        b.writeBufferLowWaterMark = writeBufferLowWaterMark;
        b.writeBufferHighWaterMark = writeBufferHighWaterMark;
        b.streamWindow = streamWindow;
        b.maxInflightPerConnection = maxInflightPerConnection;
        b.streamStallTimeout = streamStallTimeout;
        b.reconnectBaseDelay = reconnectBaseDelay;
        b.reconnectMaxDelay = reconnectMaxDelay;
        b.socketBufferBytes = socketBufferBytes;
        b.shutdownQuietPeriod = shutdownQuietPeriod;
        b.shutdownTimeout = shutdownTimeout;
        return b;
    }

    /** This node's name; peers know it by this name, and its certificate names it. */
    public String nodeName() {
        return nodeName;
    }

    /** The address the server binds, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}. */
    public String bindHost() {
        return bindHost;
    }

    /** The RPC port; 0 picks a free one (tests). */
    public int port() {
        return port;
    }

    /** True only when explicitly asked: no TLS at all. */
    public boolean plaintext() {
        return plaintext;
    }

    /** The node's TLS material; null only when {@link #plaintext()}. */
    public TlsFiles tls() {
        return tls;
    }

    /** Test configurations only: installs the fault handler and makes the fault control available. */
    public boolean faultInjection() {
        return faultInjection;
    }

    /** Netty event-loop threads, shared by the server and the client side. */
    public int ioThreads() {
        return ioThreads;
    }

    /** Threads that run {@link FrameHandler}s (which may block) and feed response streams. */
    public int handlerThreads() {
        return handlerThreads;
    }

    /** The largest frame, length field included, sent or accepted. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Bound of one connection attempt, TLS handshake included. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Timeout of a request that names none. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long a sender waits for room in a peer's full outbound buffer before failing. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Netty write-buffer low water mark of every channel, and the resume point of throttled streams. */
    public int writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /**
     * Netty write-buffer high water mark of every channel: above it a channel is unwritable
     * (streams pause), and the bound of bytes queued for one peer (senders wait, then fail).
     */
    public int writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /** Parts a response stream buffers before the connection stops reading. */
    public int streamWindow() {
        return streamWindow;
    }

    /** Requests one inbound connection may have in progress before the server stops reading from it. */
    public int maxInflightPerConnection() {
        return maxInflightPerConnection;
    }

    /** How long a server-side stream may wait for its consumer before it is abandoned. */
    public Duration streamStallTimeout() {
        return streamStallTimeout;
    }

    public Duration reconnectBaseDelay() {
        return reconnectBaseDelay;
    }

    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    /** SO_SNDBUF and SO_RCVBUF of every socket; 0 leaves the OS default. */
    public int socketBufferBytes() {
        return socketBufferBytes;
    }

    public Duration shutdownQuietPeriod() {
        return shutdownQuietPeriod;
    }

    /** Bound of the whole shutdown. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    @Override
    public String toString() {
        return "TransportConfig[node=" + nodeName + ", bind=" + bindHost + ":" + port
                + (plaintext ? ", PLAINTEXT" : ", mTLS " + tls.keystore()) + (faultInjection ? ", FAULT INJECTION" : "") + "]";
    }

    /** Builds a {@link TransportConfig}; every setter returns the builder. */
    public static final class Builder {
        private final String nodeName;
        private String bindHost = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private boolean plaintext;
        private TlsFiles tls;
        private boolean faultInjection;
        private int ioThreads = 2;
        private int handlerThreads = 4;
        private int maxFrameBytes = FrameCodec.DEFAULT_MAX_FRAME_BYTES;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration sendTimeout = Duration.ofSeconds(1);
        private int writeBufferLowWaterMark = 512 * 1024;
        private int writeBufferHighWaterMark = 1024 * 1024;
        private int streamWindow = 16;
        private int maxInflightPerConnection = 256;
        private Duration streamStallTimeout = Duration.ofSeconds(60);
        private Duration reconnectBaseDelay = Duration.ofMillis(50);
        private Duration reconnectMaxDelay = Duration.ofSeconds(5);
        private int socketBufferBytes;
        private Duration shutdownQuietPeriod = Duration.ofMillis(100);
        private Duration shutdownTimeout = Duration.ofSeconds(3);

        private Builder(String nodeName) {
            this.nodeName = nodeName;
        }

        public Builder bindHost(String host) {
            this.bindHost = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder plaintext(boolean plaintext) {
            this.plaintext = plaintext;
            return this;
        }

        public Builder tls(TlsFiles tls) {
            this.tls = tls;
            return this;
        }

        public Builder faultInjection(boolean faultInjection) {
            this.faultInjection = faultInjection;
            return this;
        }

        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        public Builder handlerThreads(int threads) {
            this.handlerThreads = threads;
            return this;
        }

        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = timeout;
            return this;
        }

        public Builder writeBufferWaterMarks(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }

        public Builder streamWindow(int parts) {
            this.streamWindow = parts;
            return this;
        }

        public Builder maxInflightPerConnection(int requests) {
            this.maxInflightPerConnection = requests;
            return this;
        }

        public Builder streamStallTimeout(Duration timeout) {
            this.streamStallTimeout = timeout;
            return this;
        }

        public Builder reconnectDelays(Duration base, Duration max) {
            this.reconnectBaseDelay = base;
            this.reconnectMaxDelay = max;
            return this;
        }

        public Builder socketBufferBytes(int bytes) {
            this.socketBufferBytes = bytes;
            return this;
        }

        public Builder shutdown(Duration quietPeriod, Duration timeout) {
            this.shutdownQuietPeriod = quietPeriod;
            this.shutdownTimeout = timeout;
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(this);
        }
    }
}
