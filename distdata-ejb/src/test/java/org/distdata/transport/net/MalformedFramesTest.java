package org.distdata.transport.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.distdata.transport.tls.ClusterCertificates;
import org.distdata.transport.tls.TlsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bytes that are not frames close that one connection, with a logged reason; the node keeps serving. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedFramesTest {

    static final int PING = 40;

    @TempDir
    Path dir;

    @Test
    void garbageOnAPlaintextConnectionClosesItAndOthersAreStillServed() throws Exception {
        try (TransportNodes nodes = TransportNodes.plaintext(); LogCapture log = LogCapture.of(FrameDecoder.class.getName())) {
            NodeTransport server = nodes.start("n2");
            NodeTransport client = nodes.start("n1");
            TransportNodes.connect(client, server);
            server.register(PING, frame -> Reply.of(new byte[] {7}));

            try (Socket raw = new Socket()) {
                raw.connect(server.localAddress(), 5000);
                raw.setSoTimeout(5000);
                raw.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
                raw.getOutputStream().flush();
                assertThat(readUntilClosed(raw.getInputStream())).as("connection closed by the node").isTrue();
            }
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w)
                    .contains("malformed frame (FRAME_TOO_LARGE)")
                    .contains("/127.0.0.1:"));
            assertThat(client.request("n2", PING, 0, new byte[0]).get(5, TimeUnit.SECONDS).payload()).containsExactly(7);
        }
    }

    @Test
    void badMagicInsideATlsSessionClosesItAndOthersAreStillServed() throws Exception {
        try (TransportNodes nodes = TransportNodes.tls(dir); LogCapture log = LogCapture.of(FrameDecoder.class.getName())) {
            NodeTransport server = nodes.start("n2");
            NodeTransport client = nodes.start("n1");
            TransportNodes.connect(client, server);
            server.register(PING, frame -> Reply.of(new byte[] {7}));
            nodes.config("n3"); // a proper cluster certificate for the raw socket

            TlsFiles n3 = ClusterCertificates.in(dir).nodeFiles("n3");
            try (SSLSocket raw = tlsSocket(n3, server.localAddress())) {
                raw.startHandshake();
                OutputStream out = raw.getOutputStream();
                // a length of 10, then a wrong magic
                out.write(new byte[] {0, 0, 0, 10, (byte) 0xCA, (byte) 0xFE, 1, 0, 0, 0, 0, 0, 0, 0});
                out.flush();
                assertThat(readUntilClosed(raw.getInputStream())).isTrue();
            }
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("malformed frame (BAD_MAGIC)").contains("n3"));
            assertThat(client.request("n2", PING, 0, new byte[0]).get(5, TimeUnit.SECONDS).payload()).containsExactly(7);
        }
    }

    static SSLSocket tlsSocket(TlsFiles files, InetSocketAddress address) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(files.loadKeyStore(), files.password());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(files.trustStore());
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Reads until the peer closes; true if it did within the socket timeout. */
    static boolean readUntilClosed(InputStream in) throws Exception {
        try {
            while (in.read() >= 0) {
                // discard
            }
            return true;
        } catch (SocketException | javax.net.ssl.SSLException e) {
            return true; // reset or alert: closed as well
        }
    }
}
