package org.distdata.transport.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A cluster certificate authority held in memory: a self-signed CA certificate (basic
 * constraints CA, key usage certificate and CRL signing) and its key, which signs node
 * certificates. A node certificate names the node in its common name and in its subject
 * alternative names, next to {@code localhost} and {@code 127.0.0.1}, and may act as TLS
 * server and client (mutual TLS between nodes).
 *
 * <p>Keys are EC P-256 and signatures SHA256withECDSA, generated and checked by the JDK's own
 * providers: BouncyCastle only builds the certificate structures, so no security provider is
 * registered. {@link ClusterCertificates} stores an authority and its node certificates on disk.
 */
public final class CertificateAuthority {

    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration NODE_VALIDITY = Duration.ofDays(825);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A new authority with a fresh key, its certificate valid from now for ten years. */
    public static CertificateAuthority create(String clusterName) {
        Objects.requireNonNull(clusterName, "clusterName");
        try {
            KeyPair keys = newKeyPair();
            X500Name subject = name("DistData cluster CA " + clusterName);
            Instant now = Instant.now();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, sign(builder, keys.getPrivate()));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a cluster CA: " + e.getMessage(), e);
        }
    }

    /** An authority from a stored key and certificate (see {@link ClusterCertificates}). */
    public static CertificateAuthority of(PrivateKey key, X509Certificate certificate) {
        return new CertificateAuthority(new KeyPair(certificate.getPublicKey(), key), certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /**
     * A new key and certificate for node {@code nodeName}: CN and SAN DNS name = the node name,
     * plus SAN {@code localhost} and IP {@code 127.0.0.1}; extended key usage server and client
     * authentication.
     */
    public IssuedCertificate issue(String nodeName) {
        PeerIdentity.requireValidNodeName(nodeName);
        try {
            KeyPair keys = newKeyPair();
            Instant now = Instant.now();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, nodeName));
            if (!nodeName.equals("localhost")) {
                names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            }
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(NODE_VALIDITY)),
                    name(nodeName), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            X509Certificate issued = sign(builder, keyPair.getPrivate());
            return new IssuedCertificate(nodeName, keys.getPrivate(), List.of(issued, certificate));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for node " + nodeName + ": " + e.getMessage(), e);
        }
    }

    /** A node's private key with its certificate chain: the node certificate first, then the CA's. */
    public record IssuedCertificate(String nodeName, PrivateKey key, List<X509Certificate> chain) {
        public IssuedCertificate {
            chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "DistData").addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        certificate.checkValidity();
        return certificate;
    }
}
