package org.distdata.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Where one node's TLS material lives: its PKCS#12 keystore (private key and certificate
 * chain), the file holding that keystore's password, and the cluster CA certificate (PEM),
 * the only certificate the node trusts. {@link ClusterCertificates} writes this layout;
 * operators may point each path elsewhere (see {@code TransportSettings}).
 */
public record TlsFiles(Path keystore, Path passwordFile, Path caCertificate) {

    public TlsFiles {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(caCertificate, "caCertificate");
    }

    /** Whether all three files exist. */
    public boolean exist() {
        return Files.isRegularFile(keystore) && Files.isRegularFile(passwordFile) && Files.isRegularFile(caCertificate);
    }

    /** The keystore password: the password file's first line. */
    public char[] password() throws IOException {
        return readPassword(passwordFile);
    }

    /** The node's keystore, opened with {@link #password()}. */
    public KeyStore loadKeyStore() throws IOException, GeneralSecurityException {
        return loadPkcs12(keystore, password());
    }

    /** The cluster CA certificate(s) of {@link #caCertificate()}. */
    public List<X509Certificate> trustedCertificates() throws IOException, GeneralSecurityException {
        return readCertificates(caCertificate);
    }

    /** A keystore holding only the trusted CA certificates, for a {@code TrustManagerFactory}. */
    public KeyStore trustStore() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : trustedCertificates()) {
            trust.setCertificateEntry("cluster-ca-" + i++, ca);
        }
        return trust;
    }

    static char[] readPassword(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        String line = (end < 0 ? text : text.substring(0, end)).strip();
        if (line.isEmpty()) {
            throw new IOException("password file " + file + " is empty");
        }
        return line.toCharArray();
    }

    static KeyStore loadPkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    static List<X509Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : read) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IOException("no certificate in " + pem);
            }
            return certificates;
        }
    }
}
