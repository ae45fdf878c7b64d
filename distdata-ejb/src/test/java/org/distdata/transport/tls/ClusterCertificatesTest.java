package org.distdata.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void createsACertSigningCaAndNodeCertificatesThatItSigned() throws Exception {
        ClusterCertificates certificates = ClusterCertificates.in(dir);
        assertThat(certificates.ensureAuthority("test")).isTrue();
        assertThat(certificates.ensureNode("n1")).isTrue();

        X509Certificate ca = certificates.loadAuthority().certificate();
        assertThat(ca.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
        ca.verify(ca.getPublicKey());

        TlsFiles n1 = certificates.nodeFiles("n1");
        assertThat(n1.exist()).isTrue();
        KeyStore store = n1.loadKeyStore();
        X509Certificate node = (X509Certificate) store.getCertificate(ClusterCertificates.NODE_ALIAS);
        node.verify(ca.getPublicKey());
        assertThat(node.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(node.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(node.getSubjectAlternativeNames()).contains(List.of(2, "n1"), List.of(2, "localhost"),
                List.of(7, "127.0.0.1"));
        assertThat(PeerIdentity.commonName(node)).contains("n1");
        assertThat(store.getCertificateChain(ClusterCertificates.NODE_ALIAS)).hasSize(2);
        assertThat(n1.trustedCertificates()).containsExactly(ca);
        assertThat(Files.readString(dir.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.getPosixFilePermissions(dir.resolve("n1.p12")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve(ClusterCertificates.PASSWORD_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void whatExistsIsKept() throws Exception {
        ClusterCertificates certificates = ClusterCertificates.in(dir);
        certificates.ensureAuthority("test");
        certificates.ensureNode("n1");
        byte[] ca = Files.readAllBytes(dir.resolve("ca.crt"));
        byte[] n1 = Files.readAllBytes(dir.resolve("n1.p12"));
        assertThat(certificates.ensureAuthority("test")).isFalse();
        assertThat(certificates.ensureNode("n1")).isFalse();
        assertThat(certificates.ensureNode("n2")).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("ca.crt"))).isEqualTo(ca);
        assertThat(Files.readAllBytes(dir.resolve("n1.p12"))).isEqualTo(n1);
    }

    @Test
    void nodeCertificatesNeedACaAndADnsName() {
        assertThatThrownBy(() -> ClusterCertificates.in(dir).ensureNode("n1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no cluster CA");
        assertThatThrownBy(() -> ClusterCertificates.in(dir).nodeFiles("bad_name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DNS name");
    }
}
