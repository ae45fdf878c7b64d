package org.distdata.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

import org.distdata.transport.codec.Frame;
import org.distdata.transport.codec.FrameCodec;
import org.distdata.transport.net.ChannelInfo;
import org.distdata.transport.net.LogCapture;
import org.distdata.transport.net.NodeTransport;
import org.distdata.transport.net.PeerUnavailableException;
import org.distdata.transport.net.Reply;
import org.distdata.transport.net.TransportConfig;
import org.distdata.transport.net.TransportNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance points of node-to-node security: only peers holding a certificate of the
 * cluster CA get to talk, over TLS 1.3 and nothing older; plaintext only on request.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutualTlsTest {

    static final int PING = 40;
    static final String SERVER_LOG = "org.distdata.transport.net";

    @TempDir
    Path cluster;
    @TempDir
    Path foreign;

    TransportNodes nodes;
    NodeTransport server;
    AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void startServer() {
        nodes = TransportNodes.tls(cluster);
        server = nodes.start("n1");
        server.register(PING, frame -> {
            handled.incrementAndGet();
            return Reply.of(("pong from n1 to " + frame.peer()).getBytes());
        });
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void peerWithCertificateFromTheClusterCaSucceedsOverTls13() throws Exception {
        NodeTransport client = nodes.start("n2");
        TransportNodes.connect(client, server);
        Frame answer = client.request("n1", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS);
        assertThat(new String(answer.payload())).isEqualTo("pong from n1 to n2");
        List<ChannelInfo> outbound = client.channels();
        assertThat(outbound).singleElement().satisfies(c -> {
            assertThat(c.outbound()).isTrue();
            assertThat(c.peer()).contains("n1");
            assertThat(c.tlsProtocol()).contains("TLSv1.3");
        });
        assertThat(server.channels()).singleElement().satisfies(c -> {
            assertThat(c.peer()).as("the server knows the client by its certificate").contains("n2");
            assertThat(c.tlsProtocol()).contains("TLSv1.3");
        });
    }

    @Test
    void peerWithoutCertificateIsRefused() throws Exception {
        try (LogCapture log = LogCapture.of(SERVER_LOG)) {
            SSLContext noCertificate = SSLContext.getInstance("TLSv1.3");
            noCertificate.init(null, trustCluster(), null);
            try (SSLSocket socket = socket(noCertificate, server.localAddress())) {
                socket.setEnabledProtocols(new String[] {"TLSv1.3"});
                assertRefused(socket);
            }
            assertThat(handled).hasValue(0);
            awaitWarning(log, "refused connection from /127.0.0.1");
        }
    }

    @Test
    void peerWithCertificateFromAForeignCaIsRefused() throws Exception {
        CertificateAuthority otherCa = CertificateAuthority.create("other");
        // Trusts the cluster CA (so it would accept the server) but presents a foreign certificate.
        TlsFiles intruder = ClusterCertificates.writeNode(foreign, otherCa, "n2",
                ClusterCertificates.in(cluster).loadAuthority().certificate());
        try (LogCapture log = LogCapture.of(SERVER_LOG)) {
            NodeTransport client = nodes.start(nodes.config("n2").tls(intruder).build());
            TransportNodes.connect(client, server);
            CompletableFuture<Frame> answer = client.request("n1", PING, 0, new byte[0]);
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(PeerUnavailableException.class);
            assertThat(handled).hasValue(0);
            awaitWarning(log, "TLS handshake failed");

            // The JDK client above offers no certificate the server's CA list does not name; this
            // one presents the foreign certificate anyway, and the server's trust check refuses it.
            SSLContext forced = SSLContext.getInstance("TLSv1.3");
            forced.init(new javax.net.ssl.KeyManager[] {alwaysPresent((X509KeyManager) keys(intruder)[0])}, trustCluster(),
                    null);
            try (SSLSocket socket = socket(forced, server.localAddress())) {
                assertRefused(socket);
            }
            assertThat(handled).hasValue(0);
            awaitWarning(log, "unable to find valid certification path");
        }
    }

    /** A key manager that presents its one certificate whatever CAs the server asks for. */
    private static X509ExtendedKeyManager alwaysPresent(X509KeyManager keys) {
        String alias = ClusterCertificates.NODE_ALIAS;
        return new X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {alias};
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return alias;
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String a) {
                return keys.getCertificateChain(a);
            }

            @Override
            public PrivateKey getPrivateKey(String a) {
                return keys.getPrivateKey(a);
            }
        };
    }

    @Test
    void serverWithCertificateFromAForeignCaIsNotTrusted() throws Exception {
        CertificateAuthority otherCa = CertificateAuthority.create("other");
        TlsFiles impostor = ClusterCertificates.writeNode(foreign, otherCa, "n3", otherCa.certificate());
        NodeTransport fake = nodes.start(nodes.config("n3").tls(impostor).build());
        fake.register(PING, frame -> Reply.of(new byte[] {1}));
        NodeTransport client = nodes.start("n2");
        TransportNodes.connect(client, fake);
        assertThatThrownBy(() -> client.request("n3", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(PeerUnavailableException.class)
                .hasStackTraceContaining("SSLHandshakeException");
    }

    @Test
    void peerAnsweringUnderAnotherNodesNameIsRejected() throws Exception {
        NodeTransport client = nodes.start("n2");
        // The address of n1, dialled as if it were n5: n1's certificate does not name n5.
        client.addPeer("n5", server.localAddress());
        assertThatThrownBy(() -> client.request("n5", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("expected node n5");
        assertThat(handled).hasValue(0);
    }

    @Test
    void tls12IsNotNegotiated() throws Exception {
        TlsFiles n2 = ClusterCertificates.in(cluster).nodeFiles("n2");
        nodes.config("n2");
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(keys(n2), trustCluster(), null);
        try (SSLSocket socket = socket(tls12, server.localAddress())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
        // The same certificate over TLS 1.3 is welcome.
        SSLContext tls13 = SSLContext.getInstance("TLSv1.3");
        tls13.init(keys(n2), trustCluster(), null);
        try (SSLSocket socket = socket(tls13, server.localAddress())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void plaintextPeerIsRefusedByATlsNode() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(server.localAddress(), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new FrameCodec().encode(new Frame(PING, 1, 0, 0, new byte[0])));
            socket.getOutputStream().flush();
            assertThat(closedByPeer(socket.getInputStream())).isTrue();
        }
        assertThat(handled).hasValue(0);
    }

    @Test
    void plaintextOnlyWithTheExplicitFlag() throws Exception {
        assertThatThrownBy(() -> TransportConfig.builder("n2").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS material is required");
        assertThat(TransportConfig.builder("n2").tls(ClusterCertificates.in(cluster).nodeFiles("n2")).build().plaintext())
                .isFalse();
        try (TransportNodes plain = TransportNodes.plaintext()) {
            NodeTransport a = plain.start("n2");
            NodeTransport b = plain.start("n3");
            assertThat(a.config().plaintext()).isTrue();
            b.register(PING, frame -> Reply.of(new byte[] {9}));
            TransportNodes.connect(a, b);
            assertThat(a.request("n3", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS).payload()).containsExactly(9);
            assertThat(a.channels()).singleElement().satisfies(c -> {
                assertThat(c.tlsProtocol()).isEmpty();
                assertThat(c.handlers()).doesNotContain("tls");
            });
            // A plaintext node cannot reach a TLS node either.
            TransportNodes.connect(a, server);
            assertThatThrownBy(() -> a.request("n1", PING, 0, new byte[0]).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(handled).hasValue(0);
        }
    }

    /** The handshake or the first exchange fails; no frame is ever answered. */
    private static void assertRefused(SSLSocket socket) throws IOException {
        try {
            socket.startHandshake(); // with TLS 1.3 the client may finish before the server checks it
            OutputStream out = socket.getOutputStream();
            out.write(new FrameCodec().encode(new Frame(PING, 1, 0, 0, new byte[0])));
            out.flush();
            assertThat(closedByPeer(socket.getInputStream())).isTrue();
        } catch (SSLException e) {
            // refused during the handshake
        }
    }

    static boolean closedByPeer(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SSLException | SocketException e) {
            return true;
        }
    }

    private static void awaitWarning(LogCapture log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.warnings().stream().noneMatch(w -> w.contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no warning containing '" + text + "' in " + log.warnings());
            }
            Thread.sleep(20);
        }
    }

    private javax.net.ssl.TrustManager[] trustCluster() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(ClusterCertificates.in(cluster).nodeFiles("n1").trustStore());
        return trust.getTrustManagers();
    }

    private static javax.net.ssl.KeyManager[] keys(TlsFiles files) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(files.loadKeyStore(), files.password());
        return keys.getKeyManagers();
    }

    private static SSLSocket socket(SSLContext context, InetSocketAddress address) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5000);
        return socket;
    }
}
