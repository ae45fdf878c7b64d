package org.distdata.transport.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collections;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The TLS side of node-to-node connections: mutual TLS, TLS 1.3 only, the JDK's TLS
 * implementation. Both ends present their node certificate and trust only the cluster CA
 * ({@link TlsFiles#caCertificate()}), so a peer without a certificate, or with one from any
 * other CA, fails the handshake; the server requires a client certificate
 * ({@link ClientAuth#REQUIRE}). A client additionally checks that the server's certificate
 * names the node it meant to reach ({@link #verifyPeer}).
 */
public final class TransportTls {

    /** The only protocol version offered or accepted. */
    public static final String PROTOCOL = "TLSv1.3";

    private final SslContext serverContext;
    private final SslContext clientContext;
    private final String localNode;

    private TransportTls(SslContext serverContext, SslContext clientContext, String localNode) {
        this.serverContext = serverContext;
        this.clientContext = clientContext;
        this.localNode = localNode;
    }

    /**
     * Loads the node's key, certificate chain and trusted CA and builds both contexts.
     *
     * @throws IllegalStateException naming the file and what is wrong with it
     */
    public static TransportTls load(TlsFiles files) {
        if (!files.exist()) {
            throw new IllegalStateException("TLS material missing: need keystore " + files.keystore() + ", password file "
                    + files.passwordFile() + " and CA certificate " + files.caCertificate()
                    + " (create them with: distdata-cli certs)");
        }
        try {
            char[] password = files.password();
            KeyStore keyStore = files.loadKeyStore();
            X509Certificate nodeCertificate = nodeCertificate(keyStore, files);
            nodeCertificate.checkValidity();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(files.trustStore());
            SslContext server = SslContextBuilder.forServer(keys)
                    .trustManager(trust)
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols(PROTOCOL)
                    .sslProvider(SslProvider.JDK)
                    .build();
            SslContext client = SslContextBuilder.forClient()
                    .keyManager(keys)
                    .trustManager(trust)
                    .protocols(PROTOCOL)
                    .sslProvider(SslProvider.JDK)
                    .build();
            String node = PeerIdentity.commonName(nodeCertificate).orElse("?");
            return new TransportTls(server, client, node);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalStateException("node certificate in " + files.keystore() + " is not valid now: "
                    + e.getMessage(), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load TLS material (" + files.keystore() + ", " + files.caCertificate()
                    + "): " + e.getMessage(), e);
        }
    }

    public SslContext serverContext() {
        return serverContext;
    }

    public SslContext clientContext() {
        return clientContext;
    }

    /** The node name of this node's own certificate. */
    public String localNode() {
        return localNode;
    }

    /**
     * Fails unless the peer of an established session presented a certificate naming
     * {@code expectedNode}: a node of the cluster must not be able to stand in for another.
     */
    public static void verifyPeer(SSLSession session, String expectedNode) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            throw new SSLPeerUnverifiedException("peer presented no X.509 certificate");
        }
        if (!PeerIdentity.names(certificate, expectedNode)) {
            throw new SSLPeerUnverifiedException("expected node " + expectedNode + " but the peer's certificate names "
                    + PeerIdentity.commonName(certificate).orElse("nobody") + " "
                    + PeerIdentity.dnsNames(certificate));
        }
    }

    private static X509Certificate nodeCertificate(KeyStore keyStore, TlsFiles files) throws GeneralSecurityException {
        for (String alias : Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate;
            }
        }
        throw new GeneralSecurityException(files.keystore() + " holds no private key with a certificate");
    }
}
