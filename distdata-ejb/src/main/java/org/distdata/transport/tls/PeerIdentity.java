package org.distdata.transport.tls;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is at the other end of a TLS connection, read from the peer's node certificate: the
 * node name is the certificate's common name, and a certificate also answers to its DNS
 * subject alternative names. A node name must be a DNS name (letters, digits and inner
 * hyphens, dot-separated labels), because it goes into the certificate as one.
 */
public final class PeerIdentity {

    private static final Pattern NODE_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final int DNS_NAME = 2;

    private PeerIdentity() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code nodeName} can name a node certificate. */
    public static String requireValidNodeName(String nodeName) {
        if (nodeName == null || nodeName.length() > 253 || !NODE_NAME.matcher(nodeName).matches()) {
            throw new IllegalArgumentException("node name '" + nodeName + "' cannot go into a certificate: use letters,"
                    + " digits and inner hyphens (a DNS name), e.g. n1 or node-db1");
        }
        return nodeName;
    }

    /** The node name (common name) of the session's peer, if it presented a certificate. */
    public static Optional<String> nodeName(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? commonName(x509) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code certificate} names {@code nodeName} in its common name or a DNS subject alternative name. */
    public static boolean names(X509Certificate certificate, String nodeName) {
        String wanted = nodeName.toLowerCase(Locale.ROOT);
        if (commonName(certificate).map(cn -> cn.toLowerCase(Locale.ROOT).equals(wanted)).orElse(false)) {
            return true;
        }
        return dnsNames(certificate).stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted));
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (entry.size() >= 2 && entry.get(0) instanceof Integer kind && kind == DNS_NAME) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unreadable extension names nobody.
        }
        return names;
    }
}
