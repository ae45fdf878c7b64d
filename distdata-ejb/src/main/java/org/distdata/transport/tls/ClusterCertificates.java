package org.distdata.transport.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The cluster's certificates in one directory: a cluster CA and the node certificates it
 * signed, as files a node loads at start ({@link TlsFiles}).
 *
 * <pre>
 *   ca.crt          the cluster CA certificate (PEM): every node trusts this and nothing else
 *   ca.p12          the CA's key and certificate (PKCS#12): needed only to sign new nodes;
 *                   outside a dev setup keep it off the nodes
 *   NODE.p12        node NODE's key and certificate chain (PKCS#12, alias "node")
 *   keystore.pass   the password of the .p12 files (mode 600, like the .p12 files)
 * </pre>
 *
 * Every operation is idempotent (what exists is kept) and holds an exclusive lock on
 * {@code .lock} in the directory, so nodes starting together on one machine with a shared
 * directory create one CA, not several. Used by {@code distdata-cli certs} and by the
 * transport bean's dev profile.
 */
public final class ClusterCertificates {

    public static final String CA_CERTIFICATE = "ca.crt";
    public static final String CA_KEYSTORE = "ca.p12";
    public static final String PASSWORD_FILE = "keystore.pass";
    static final String CA_ALIAS = "cluster-ca";
    static final String NODE_ALIAS = "node";

    /** Serializes threads of this JVM; the file lock serializes processes. */
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    private ClusterCertificates(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The certificates directory {@code dir} (created on first write). */
    public static ClusterCertificates in(Path dir) {
        return new ClusterCertificates(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Keystore of node {@code nodeName} in this directory. */
    public Path nodeKeystore(String nodeName) {
        return dir.resolve(PeerIdentity.requireValidNodeName(nodeName) + ".p12");
    }

    /** Where node {@code nodeName}'s material is in this directory (whether or not it exists yet). */
    public TlsFiles nodeFiles(String nodeName) {
        return new TlsFiles(nodeKeystore(nodeName), dir.resolve(PASSWORD_FILE), dir.resolve(CA_CERTIFICATE));
    }

    public boolean hasAuthority() {
        return Files.isRegularFile(dir.resolve(CA_KEYSTORE)) && Files.isRegularFile(dir.resolve(CA_CERTIFICATE))
                && Files.isRegularFile(dir.resolve(PASSWORD_FILE));
    }

    /**
     * Creates the cluster CA (and the password file) unless the directory has one.
     *
     * @return true if it created the CA, false if it kept an existing one
     */
    public boolean ensureAuthority(String clusterName) {
        return locked(() -> {
            if (hasAuthority()) {
                return false;
            }
            if (Files.exists(dir.resolve(CA_KEYSTORE)) || Files.exists(dir.resolve(CA_CERTIFICATE))) {
                throw new IllegalStateException("incomplete cluster CA in " + dir + ": " + CA_KEYSTORE + ", "
                        + CA_CERTIFICATE + " and " + PASSWORD_FILE + " belong together; move the directory away to start over");
            }
            char[] password = Files.isRegularFile(dir.resolve(PASSWORD_FILE))
                    ? TlsFiles.readPassword(dir.resolve(PASSWORD_FILE)) : writePassword();
            CertificateAuthority ca = CertificateAuthority.create(clusterName);
            KeyStore store = emptyPkcs12();
            store.setKeyEntry(CA_ALIAS, ca.privateKey(), password, new Certificate[] {ca.certificate()});
            writeKeyStore(dir.resolve(CA_KEYSTORE), store, password);
            writeAtomically(dir.resolve(CA_CERTIFICATE), pem(ca.certificate()).getBytes(StandardCharsets.US_ASCII), false);
            return true;
        });
    }

    /**
     * Signs a certificate for node {@code nodeName} with this directory's CA and writes its
     * keystore, unless the node has one.
     *
     * @return true if it created the node's keystore, false if it kept an existing one
     * @throws IllegalStateException if the directory has no CA ({@link #ensureAuthority})
     */
    public boolean ensureNode(String nodeName) {
        Path keystore = nodeKeystore(nodeName);
        return locked(() -> {
            if (Files.isRegularFile(keystore)) {
                return false;
            }
            CertificateAuthority ca = loadAuthority();
            char[] password = TlsFiles.readPassword(dir.resolve(PASSWORD_FILE));
            CertificateAuthority.IssuedCertificate issued = ca.issue(nodeName);
            KeyStore store = emptyPkcs12();
            store.setKeyEntry(NODE_ALIAS, issued.key(), password, issued.chain().toArray(Certificate[]::new));
            writeKeyStore(keystore, store, password);
            return true;
        });
    }

    /** The CA of this directory, with its key. */
    public CertificateAuthority loadAuthority() {
        if (!hasAuthority()) {
            throw new IllegalStateException("no cluster CA in " + dir + " (expected " + CA_KEYSTORE + ", " + CA_CERTIFICATE
                    + " and " + PASSWORD_FILE + "); create one with: distdata-cli certs --dir " + dir);
        }
        try {
            char[] password = TlsFiles.readPassword(dir.resolve(PASSWORD_FILE));
            KeyStore store = TlsFiles.loadPkcs12(dir.resolve(CA_KEYSTORE), password);
            Key key = store.getKey(CA_ALIAS, password);
            Certificate certificate = store.getCertificate(CA_ALIAS);
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                throw new IllegalStateException(dir.resolve(CA_KEYSTORE) + " has no entry '" + CA_ALIAS + "' with a key");
            }
            return CertificateAuthority.of(privateKey, x509);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the cluster CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The PEM text of a certificate. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /**
     * Writes node material signed by {@code ca} into {@code dir} without a CA key there: for
     * tests that need a node whose certificate comes from a foreign CA.
     */
    public static TlsFiles writeNode(Path dir, CertificateAuthority ca, String nodeName, X509Certificate trusted) {
        ClusterCertificates target = in(dir);
        return target.locked(() -> {
            char[] password = Files.isRegularFile(target.dir.resolve(PASSWORD_FILE))
                    ? TlsFiles.readPassword(target.dir.resolve(PASSWORD_FILE)) : target.writePassword();
            CertificateAuthority.IssuedCertificate issued = ca.issue(nodeName);
            KeyStore store = emptyPkcs12();
            store.setKeyEntry(NODE_ALIAS, issued.key(), password, issued.chain().toArray(Certificate[]::new));
            target.writeKeyStore(target.nodeKeystore(nodeName), store, password);
            target.writeAtomically(target.dir.resolve(CA_CERTIFICATE), pem(trusted).getBytes(StandardCharsets.US_ASCII),
                    false);
            return target.nodeFiles(nodeName);
        });
    }

    private interface Work<T> {
        T run() throws IOException, GeneralSecurityException;
    }

    private <T> T locked(Work<T> work) {
        JVM_LOCK.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("certificates directory " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("certificates directory " + dir + ": " + e.getMessage(), e);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    private char[] writePassword() throws IOException {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        writeAtomically(dir.resolve(PASSWORD_FILE), (password + "\n").getBytes(StandardCharsets.US_ASCII), true);
        return password.toString().toCharArray();
    }

    private static KeyStore emptyPkcs12() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private void writeKeyStore(Path file, KeyStore store, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);
        writeAtomically(file, bytes.toByteArray(), true);
    }

    /** Writes a sibling temporary file and moves it into place, so a reader never sees half a file. */
    private void writeAtomically(Path file, byte[] content, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(content);
        }
        if (secret) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own permissions must protect it.
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
