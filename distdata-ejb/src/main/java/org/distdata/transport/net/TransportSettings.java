package org.distdata.transport.net;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.distdata.transport.fault.FaultInjector;
import org.distdata.transport.tls.ClusterCertificates;
import org.distdata.transport.tls.TlsFiles;

/**
 * The node's transport configuration, read from its configuration keys (MicroProfile Config
 * in Payara: system properties, env, config files):
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><td>{@value #PORT}</td><td>RPC port, default 7100</td></tr>
 *   <tr><td>{@value #HOST}</td><td>bind address, default 127.0.0.1</td></tr>
 *   <tr><td>{@value #PLAINTEXT}</td><td>{@code true} turns TLS off; default false</td></tr>
 *   <tr><td>{@value #TLS_DIR}</td><td>default {@code <data dir>/tls}</td></tr>
 *   <tr><td>{@value #KEYSTORE}</td><td>default {@code <tls dir>/<node name>.p12}</td></tr>
 *   <tr><td>{@value #PASSWORD_FILE}</td><td>default {@code <tls dir>/keystore.pass}</td></tr>
 *   <tr><td>{@value #CA}</td><td>default {@code <tls dir>/ca.crt}</td></tr>
 * </table>
 *
 * <p><b>Dev profile</b>: when none of the three file keys is set, the material lives in the
 * TLS directory in {@link ClusterCertificates}' layout, and {@link #ensureDevCertificates()}
 * creates a CA and this node's certificate there if they are missing. Explicitly configured
 * files are never created.
 *
 * <p><b>Fault injection</b> is not a configuration key: it is on only when the JVM runs with
 * the system property {@value FaultInjector#SYSTEM_PROPERTY}{@code =true}, read from the
 * {@code systemProperty} function and nowhere else, so no config file, env variable or
 * MicroProfile source of a production node can turn it on.
 */
public final class TransportSettings {

    public static final String PORT = "distdata.rpc.port";
    public static final String HOST = "distdata.rpc.host";
    public static final String PLAINTEXT = "distdata.transport.plaintext";
    public static final String TLS_DIR = "distdata.transport.tls.dir";
    public static final String KEYSTORE = "distdata.transport.tls.keystore";
    public static final String PASSWORD_FILE = "distdata.transport.tls.password.file";
    public static final String CA = "distdata.transport.tls.ca";

    private final TransportConfig config;
    private final boolean devProfile;
    private final Path tlsDir;

    private TransportSettings(TransportConfig config, boolean devProfile, Path tlsDir) {
        this.config = config;
        this.devProfile = devProfile;
        this.tlsDir = tlsDir;
    }

    /**
     * @param config         the node's configuration values by key (empty when unset)
     * @param systemProperty JVM system properties by name (null when unset): consulted only
     *                       for the fault-injection test flag
     */
    public static TransportSettings read(String nodeName, Path dataDir, Function<String, Optional<String>> config,
                                         Function<String, String> systemProperty) {
        Function<String, Optional<String>> value = key -> config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
        int port = value.apply(PORT).map(v -> parsePort(v)).orElse(TransportConfig.DEFAULT_PORT);
        boolean plaintext = value.apply(PLAINTEXT).map(TransportSettings::parseBoolean).orElse(false);
        Path tlsDir = value.apply(TLS_DIR).map(Path::of).orElse(dataDir.resolve("tls"));
        Optional<String> keystore = value.apply(KEYSTORE);
        Optional<String> password = value.apply(PASSWORD_FILE);
        Optional<String> ca = value.apply(CA);
        boolean devProfile = keystore.isEmpty() && password.isEmpty() && ca.isEmpty();
        TlsFiles defaults = ClusterCertificates.in(tlsDir).nodeFiles(nodeName);
        TlsFiles tls = new TlsFiles(keystore.map(Path::of).orElse(defaults.keystore()),
                password.map(Path::of).orElse(defaults.passwordFile()), ca.map(Path::of).orElse(defaults.caCertificate()));
        String flag = systemProperty.apply(FaultInjector.SYSTEM_PROPERTY);
        boolean faultInjection = flag != null && Boolean.parseBoolean(flag.strip());
        TransportConfig transport = TransportConfig.builder(nodeName)
                .bindHost(value.apply(HOST).orElse("127.0.0.1"))
                .port(port)
                .plaintext(plaintext)
                .tls(plaintext ? null : tls)
                .faultInjection(faultInjection)
                .build();
        return new TransportSettings(transport, devProfile && !plaintext, tlsDir);
    }

    public TransportConfig config() {
        return config;
    }

    /** Whether the TLS material is at its default place, where the dev profile may create it. */
    public boolean devProfile() {
        return devProfile;
    }

    /**
     * In the dev profile, creates the cluster CA and this node's certificate in the TLS
     * directory if they are missing (several nodes sharing the directory share one CA).
     *
     * @return what was created, one line per file set, empty if nothing was
     */
    public List<String> ensureDevCertificates() {
        List<String> created = new ArrayList<>();
        if (!devProfile || config.tls().exist()) {
            return created;
        }
        ClusterCertificates certificates = ClusterCertificates.in(tlsDir);
        if (certificates.ensureAuthority("dev")) {
            created.add("cluster CA " + certificates.dir().resolve(ClusterCertificates.CA_CERTIFICATE)
                    + " (key in " + ClusterCertificates.CA_KEYSTORE + ")");
        }
        if (certificates.ensureNode(config.nodeName())) {
            created.add("node certificate " + certificates.nodeKeystore(config.nodeName()));
        }
        return created;
    }

    private static int parsePort(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a port number, got '" + v + "'");
        }
    }

    private static boolean parseBoolean(String v) {
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(PLAINTEXT + " must be true or false, got '" + v + "'");
    }
}
