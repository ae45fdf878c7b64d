package org.distdata.transport.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameCodec;
import org.distdata.transport.fault.FaultInjector;
import org.distdata.transport.tls.TransportTls;

/**
 * One node's end of the node-to-node transport: a server that answers peers, and one
 * lazily opened, self-healing connection to each known peer ({@link #addPeer}) for what
 * this node sends. Frames are {@link Frame}s on Netty, behind mutual TLS 1.3 unless the
 * config explicitly says {@code plaintext}.
 *
 * <p>Exchanges: {@link #request} (one answer, with timeout and cancellation — cancelling
 * the future sends the peer a CANCEL), {@link #stream} (an answer in parts, pulled with
 * backpressure), {@link #send} (one-way; {@link #offer} never waits for buffer room). The
 * application answers with {@link FrameHandler}s registered per message type. Futures
 * complete on I/O threads: do not block in their callbacks.
 *
 * <p>Bounds: a frame over {@link TransportConfig#maxFrameBytes()} is refused; bytes queued
 * for a peer stay under {@link TransportConfig#writeBufferHighWaterMark()} (senders wait up
 * to {@link TransportConfig#sendTimeout()}, then fail); streams pause while a channel is over
 * its high water mark; an inbound connection with too many requests in progress is not read.
 *
 * <p>Threads all come from the {@link ThreadFactory} given (in Payara, the container's
 * {@code ManagedThreadFactory}): the Netty event loops and the handler threads.
 * {@link #close()} stops accepting, fails what is pending with {@link TransportClosedException},
 * closes every connection and stops the threads, all within {@link TransportConfig#shutdownTimeout()}.
 */
public final class NodeTransport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeTransport.class.getName());

    private final TransportConfig config;
    private final FrameCodec codec;
    private final FaultInjector faults;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor handlerExecutor;
    private final TransportPipeline pipeline;
    private final ClientContext clients;
    private final Bootstrap clientBootstrap;
    private final Map<Integer, FrameHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, PeerConnection> peers = new ConcurrentHashMap<>();
    private final Set<Channel> inbound = ConcurrentHashMap.newKeySet();
    private volatile Channel serverChannel;
    private volatile boolean closed;

    /**
     * A transport for {@code config}, not listening yet ({@link #start()}).
     *
     * @throws IllegalStateException if the TLS material cannot be loaded
     */
    public NodeTransport(TransportConfig config, ThreadFactory threads) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(threads, "threads");
        this.codec = new FrameCodec(config.maxFrameBytes());
        TransportTls tls = config.plaintext() ? null : TransportTls.load(config.tls());
        this.faults = config.faultInjection() ? new FaultInjector(System.nanoTime()) : null;
        this.group = new NioEventLoopGroup(config.ioThreads(), threads);
        this.handlerExecutor = new ThreadPoolExecutor(config.handlerThreads(), config.handlerThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        this.pipeline = new TransportPipeline(config, codec, tls, faults, handlers::get, handlerExecutor);
        this.clientBootstrap = socketOptions(new Bootstrap().group(group).channel(NioSocketChannel.class))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
        this.clients = new ClientContext(config, group, this::bootstrapFor,
                new ReconnectBackoff(config.reconnectBaseDelay(), config.reconnectMaxDelay(), new Random()), codec);
        if (config.plaintext()) {
            LOG.warning(() -> "node " + config.nodeName() + ": node-to-node transport runs in PLAINTEXT (plaintext=true):"
                    + " traffic between nodes is neither encrypted nor authenticated");
        }
        if (faults != null) {
            LOG.warning(() -> "node " + config.nodeName() + ": FAULT INJECTION is enabled on the node-to-node transport"
                    + " (test configuration)");
        }
    }

    /** Binds the server; returns this transport. */
    public NodeTransport start() {
        if (closed) {
            throw closedException();
        }
        ServerBootstrap server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (closed) {
                            ch.close();
                            return;
                        }
                        inbound.add(ch);
                        ch.closeFuture().addListener(f -> inbound.remove(ch));
                        pipeline.installServer(ch);
                    }
                });
        if (config.socketBufferBytes() > 0) {
            server.option(ChannelOption.SO_RCVBUF, config.socketBufferBytes());
        }
        childSocketOptions(server);
        try {
            serverChannel = server.bind(config.bindHost(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            throw new IllegalStateException("node " + config.nodeName() + " cannot listen on " + config.bindHost() + ":"
                    + config.port() + ": " + e, e);
        }
        LOG.info(() -> "node " + config.nodeName() + ": node-to-node transport listening on " + localAddress()
                + (config.plaintext() ? " (PLAINTEXT)" : " (mutual TLS, " + TransportTls.PROTOCOL + ")"));
        return this;
    }

    /** Answers frames of message type {@code type} with {@code handler} (replacing any earlier one). */
    public void register(int type, FrameHandler handler) {
        handlers.put(type, Objects.requireNonNull(handler, "handler"));
    }

    /** Makes peer {@code name} reachable at {@code address}; a new address replaces the old connection. */
    public void addPeer(String name, InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        peers.compute(name, (n, existing) -> {
            if (existing != null && existing.address().equals(address)) {
                return existing;
            }
            if (existing != null) {
                existing.close(new PeerUnavailableException("peer " + n + " moved to " + address, null));
            }
            return new PeerConnection(n, address, clients);
        });
    }

    /** Forgets peer {@code name}: closes its connection and fails what is pending on it. */
    public void removePeer(String name) {
        PeerConnection connection = peers.remove(name);
        if (connection != null) {
            connection.close(new PeerUnavailableException("peer " + name + " was removed", null));
        }
    }

    /** A request with the configured default timeout ({@link TransportConfig#requestTimeout()}). */
    public CompletableFuture<Frame> request(String peer, int type, long groupId, byte[] payload) {
        return request(peer, type, groupId, payload, config.requestTimeout());
    }

    /**
     * Sends a request and returns its answer frame. The future fails with
     * {@link RequestTimeoutException} after {@code timeout}, {@link RemoteErrorException} for an
     * ERROR answer, {@link PeerUnavailableException} or {@link OutboundBufferFullException};
     * cancelling it sends the peer a CANCEL (the future then throws {@code CancellationException}).
     * May wait up to {@link TransportConfig#sendTimeout()} for room in the outbound buffer.
     */
    public CompletableFuture<Frame> request(String peer, int type, long groupId, byte[] payload, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        PeerConnection connection = peers.get(peer);
        if (connection == null) {
            return CompletableFuture.failedFuture(unavailable(peer));
        }
        return connection.request(type, groupId, payload, timeout);
    }

    /**
     * Sends a request whose answer comes in parts (the handler returns {@link Reply#stream}).
     * {@code idleTimeout} bounds the wait for each next part. Close the stream when done.
     */
    public ResponseStream stream(String peer, int type, long groupId, byte[] payload, Duration idleTimeout) {
        if (closed) {
            throw closedException();
        }
        PeerConnection connection = peers.get(peer);
        if (connection == null) {
            throw unavailable(peer);
        }
        return connection.stream(type, groupId, payload, idleTimeout);
    }

    /**
     * Sends a one-way frame. The future completes when the bytes reached the socket (not that
     * the peer got them) and fails with {@link PeerUnavailableException}, or with
     * {@link OutboundBufferFullException} when the peer's outbound buffer stayed full for
     * {@link TransportConfig#sendTimeout()} (on an I/O thread: at once).
     */
    public CompletableFuture<Void> send(String peer, int type, long groupId, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        PeerConnection connection = peers.get(peer);
        if (connection == null) {
            return CompletableFuture.failedFuture(unavailable(peer));
        }
        return connection.send(type, groupId, payload);
    }

    /**
     * Sends a one-way frame without ever waiting: when the peer's outbound buffer is full the
     * future fails at once with {@link OutboundBufferFullException}. For senders that must not
     * stall and can afford to lose a message (Raft, which retries); otherwise as {@link #send}.
     */
    public CompletableFuture<Void> offer(String peer, int type, long groupId, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        PeerConnection connection = peers.get(peer);
        if (connection == null) {
            return CompletableFuture.failedFuture(unavailable(peer));
        }
        return connection.offer(type, groupId, payload);
    }

    /** The state of this node's connection to {@code peer}. */
    public Optional<ConnectionStatus> connectionStatus(String peer) {
        return Optional.ofNullable(peers.get(peer)).map(PeerConnection::status);
    }

    /** The address the server listens on (its port, when the config asked for port 0). */
    public InetSocketAddress localAddress() {
        Channel server = serverChannel;
        if (server == null || closed) {
            throw new IllegalStateException("the transport of " + config.nodeName() + " is not listening");
        }
        return (InetSocketAddress) server.localAddress();
    }

    public TransportConfig config() {
        return config;
    }

    /**
     * The fault switchboard: present only when the config enabled fault injection (tests).
     * See {@link FaultInjector} for how production configurations keep it off.
     */
    public Optional<FaultInjector> faultInjector() {
        return Optional.ofNullable(faults);
    }

    /** Every open connection, outbound and inbound, with its pipeline. */
    public List<ChannelInfo> channels() {
        List<ChannelInfo> infos = new ArrayList<>();
        for (PeerConnection connection : peers.values()) {
            connection.channel().ifPresent(ch -> infos.add(info(ch, true)));
        }
        for (Channel ch : inbound) {
            infos.add(info(ch, false));
        }
        return infos;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Graceful, bounded shutdown: stop accepting, fail pending exchanges with
     * {@link TransportClosedException}, close every connection, stop the handler threads and
     * the event loops (quiet period {@link TransportConfig#shutdownQuietPeriod()}).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        TransportClosedException closing = new TransportClosedException("the transport of " + config.nodeName()
                + " is shutting down");
        Channel server = serverChannel;
        if (server != null) {
            server.close().awaitUninterruptibly(remainingMillis(deadline));
        }
        for (PeerConnection connection : peers.values()) {
            connection.close(closing);
        }
        for (Channel ch : inbound) {
            ch.close();
        }
        handlerExecutor.shutdown();
        try {
            if (!handlerExecutor.awaitTermination(remainingMillis(deadline) / 2, TimeUnit.MILLISECONDS)) {
                handlerExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlerExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        long quiet = Math.min(config.shutdownQuietPeriod().toMillis(), remainingMillis(deadline));
        group.shutdownGracefully(quiet, Math.max(quiet, remainingMillis(deadline)), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(remainingMillis(deadline) + 1000);
        LOG.info(() -> "node " + config.nodeName() + ": node-to-node transport stopped");
    }

    private TransportClosedException closedException() {
        return new TransportClosedException("the transport of " + config.nodeName() + " is closed");
    }

    private PeerUnavailableException unavailable(String peer) {
        return new PeerUnavailableException("no address known for peer " + peer + " (NodeTransport.addPeer)", null);
    }

    private Bootstrap bootstrapFor(PeerConnection connection) {
        return clientBootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                pipeline.installClient(ch, connection);
            }
        });
    }

    private Bootstrap socketOptions(Bootstrap bootstrap) {
        bootstrap.option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE);
        if (config.socketBufferBytes() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, config.socketBufferBytes())
                    .option(ChannelOption.SO_RCVBUF, config.socketBufferBytes());
        }
        return bootstrap;
    }

    private void childSocketOptions(ServerBootstrap server) {
        server.childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE);
        if (config.socketBufferBytes() > 0) {
            server.childOption(ChannelOption.SO_SNDBUF, config.socketBufferBytes())
                    .childOption(ChannelOption.SO_RCVBUF, config.socketBufferBytes());
        }
    }

    private WriteBufferWaterMark waterMark() {
        return new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark());
    }

    private static ChannelInfo info(Channel ch, boolean outbound) {
        return new ChannelInfo(Channels.peer(ch), outbound, String.valueOf(ch.remoteAddress()), Channels.tlsProtocol(ch),
                List.copyOf(ch.pipeline().names()));
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
