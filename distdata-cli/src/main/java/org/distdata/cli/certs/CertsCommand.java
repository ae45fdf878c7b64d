package org.distdata.cli.certs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.distdata.transport.tls.ClusterCertificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code certs [--dir D] [--nodes N] [--node NAME]... [--cluster NAME]}: creates the cluster
 * CA (unless the directory has one) and a certificate for each node (unless it has one),
 * with {@link ClusterCertificates}; prints what it created and what it kept. The nodes load
 * {@code ca.crt}, {@code NODE.p12} and {@code keystore.pass} from that directory.
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Create a cluster CA and node certificates (PKCS#12) for mutual TLS between nodes.")
public final class CertsCommand implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = "tls", paramLabel = "DIR",
            description = "Certificates directory (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--nodes", defaultValue = "1", paramLabel = "N",
            description = "Certificates for nodes n1..nN (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--node", paramLabel = "NAME",
            description = "A certificate for node NAME as well (repeatable), e.g. --node db-eu-1.")
    List<String> names = new ArrayList<>();

    @Option(names = "--cluster", defaultValue = "local", paramLabel = "NAME",
            description = "Cluster name in the CA's subject (default ${DEFAULT-VALUE}).")
    String cluster;

    @Override
    public Integer call() {
        if (nodes < 0 || nodes > 999) {
            throw new IllegalArgumentException("--nodes must be between 0 and 999");
        }
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            all.add("n" + i);
        }
        all.addAll(names);
        run(ClusterCertificates.in(dir), cluster, all, System.out);
        return 0;
    }

    static void run(ClusterCertificates certificates, String cluster, List<String> nodeNames, PrintStream out) {
        boolean createdCa = certificates.ensureAuthority(cluster);
        out.printf("%-8s %-8s %s%n", "CA", createdCa ? "created" : "kept",
                certificates.dir().resolve(ClusterCertificates.CA_CERTIFICATE) + "  (key: "
                        + ClusterCertificates.CA_KEYSTORE + "; keep it off production nodes)");
        for (String node : nodeNames) {
            boolean created = certificates.ensureNode(node);
            out.printf("%-8s %-8s %s%n", node, created ? "created" : "kept", certificates.nodeKeystore(node));
        }
        out.printf("Keystore password: %s (mode 600)%n", certificates.dir().resolve(ClusterCertificates.PASSWORD_FILE));
    }
}
