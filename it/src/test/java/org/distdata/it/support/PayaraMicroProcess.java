package org.distdata.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One real Payara Micro JVM running {@code distdata.war} on loopback, for tests that need a
 * live node without Arquillian (cluster tests, browser tests). It gets its own work
 * directory (data dir, temp dir, log), a free HTTP port and a known admin password;
 * {@link #start} returns once {@code /health/ready} answers 200, {@link #close} stops the
 * JVM by PID. Typical use:
 * <pre>{@code
 * try (PayaraMicroProcess node = PayaraMicroProcess.start(PayaraMicroProcess.options("n1"))) {
 *     ApiClient api = new ApiClient(node.baseUri());
 *     api.login("admin", node.adminPassword());
 * }
 * }</pre>
 */
public final class PayaraMicroProcess implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Options options;
    private final Process process;
    private final int httpPort;
    private final URI baseUri;

    private PayaraMicroProcess(Options options, Process process, int httpPort) {
        this.options = options;
        this.process = process;
        this.httpPort = httpPort;
        this.baseUri = URI.create("http://127.0.0.1:" + httpPort + options.contextRoot);
    }

    /** Defaults taken from the Failsafe system properties set in it/pom.xml. */
    public static Options options(String nodeName) {
        return new Options(nodeName);
    }

    /** What to start; every setter returns {@code this}. */
    public static final class Options {
        private final String nodeName;
        private Path war = Path.of(IntegrationPaths.required("distdata.war"));
        private Path payaraMicroJar = Path.of(IntegrationPaths.required("payara.microJar"));
        private Path workDir;
        private String adminPassword = "It-" + Long.toHexString(RANDOM.nextLong());
        private String contextRoot = "/";
        private String heap = "-Xmx512m";
        private Duration startTimeout = Duration.ofMinutes(6);
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> microOptions;

        private Options(String nodeName) {
            this.nodeName = nodeName;
            this.workDir = IntegrationPaths.workDir().resolve("micro-" + nodeName + "-" + System.nanoTime());
            // A cluster name of its own: Hazelcast still runs under --nocluster, and instances
            // of other tests (or builds) with the default name "development" try to join it.
            this.microOptions = new ArrayList<>(List.of("--nocluster",
                    "--clustername", "distdata-it-" + nodeName + "-" + Long.toHexString(RANDOM.nextLong())));
        }

        public Options war(Path war) {
            this.war = war;
            return this;
        }

        public Options workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Options adminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
            return this;
        }

        /** The path the WAR is served under; "/" (the default) makes the API live at /api/v1. */
        public Options contextRoot(String contextRoot) {
            this.contextRoot = contextRoot.endsWith("/") ? contextRoot : contextRoot + "/";
            return this;
        }

        public Options heap(String maxHeapOption) {
            this.heap = maxHeapOption;
            return this;
        }

        public Options startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** A {@code -Dkey=value} for the Micro JVM (DistData reads its config from system properties). */
        public Options systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /**
         * Replaces the Payara Micro options that are not fixed by this class (default
         * {@code --nocluster --clustername <unique>}); cluster tests pass their
         * {@code --clustermode tcpip:...} and cluster name here.
         */
        public Options microOptions(List<String> options) {
            microOptions.clear();
            microOptions.addAll(options);
            return this;
        }
    }

    /** Starts the JVM and waits (bounded) until the node is ready; kills it if it never gets there. */
    public static PayaraMicroProcess start(Options options) {
        int port = FreePorts.any();
        Path dataDir = options.workDir.resolve("data");
        Path tmpDir = options.workDir.resolve("tmp");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(options.heap);
        // Quick to boot on a small CI machine; these JVMs live for one test class.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.io.tmpdir=" + tmpDir);
        // Hazelcast (started even with --nocluster) otherwise listens on every interface despite --interfaces.
        command.add("-Dhazelcast.socket.bind.any=false");
        command.add("-Ddistdata.node.name=" + options.nodeName);
        command.add("-Ddistdata.data.dir=" + dataDir);
        command.add("-Ddistdata.admin.password=" + options.adminPassword);
        options.systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", options.payaraMicroJar.toString(),
                "--deploy", options.war.toString(),
                "--contextroot", options.contextRoot,
                "--port", Integer.toString(port),
                "--interfaces", "127.0.0.1",
                "--name", options.nodeName));
        command.addAll(options.microOptions);
        // --interfaces only binds Hazelcast; the HTTP listener needs this preboot command to stay on loopback.
        Path preboot = options.workDir.resolve("loopback.preboot");
        writeString(preboot, "set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.http-listener.address=127.0.0.1\n");
        command.addAll(List.of("--prebootcommandfile", preboot.toString()));
        Path log = options.workDir.resolve("micro.log");
        Process process;
        try {
            // Working directory = the node's work dir, so files written relative to it (derby.log) stay there.
            process = new ProcessBuilder(command).directory(options.workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Payara Micro: " + command, e);
        }
        ProcessReaper.register(process.toHandle());
        PayaraMicroProcess node = new PayaraMicroProcess(options, process, port);
        try {
            node.awaitReady();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        ApiClient api = new ApiClient(baseUri);
        long deadline = System.nanoTime() + options.startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro " + options.nodeName + " exited with "
                        + process.exitValue() + " before it was ready; see " + log());
            }
            try {
                if (api.get("health/ready").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // keep polling until the deadline
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("Payara Micro " + options.nodeName + " not ready after "
                + options.startTimeout + "; see " + log());
    }

    /** The application's root URL, ending in "/" (e.g. {@code http://127.0.0.1:40123/}). */
    public URI baseUri() {
        return baseUri;
    }

    public int httpPort() {
        return httpPort;
    }

    public String adminPassword() {
        return options.adminPassword;
    }

    public Path dataDir() {
        return options.workDir.resolve("data");
    }

    /** Payara Micro's combined stdout and stderr. */
    public Path log() {
        return options.workDir.resolve("micro.log");
    }

    public long pid() {
        return process.pid();
    }

    /** Simulates a crash: SIGKILL, no shutdown hooks, no clean Derby close. */
    public void kill() {
        ProcessReaper.killTree(process.toHandle());
    }

    /** Stops the JVM (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() {
        ProcessReaper.stop(process.toHandle(), Duration.ofSeconds(30));
    }
}
