package org.distdata.it.ear;

import org.distdata.it.support.FreePorts;
import org.distdata.it.support.ProcessReaper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A throw-away Payara Server domain driven through {@code asadmin}: created in a work
 * directory (the unpacked server stays pristine) on a free port base, bound to loopback,
 * started, given system properties, deployed to, and stopped — every asadmin call bounded
 * in time. If {@code stop-domain} does not finish, the server JVM is killed by the PID
 * Payara writes to {@code config/pid}.
 */
final class PayaraServerDomain implements AutoCloseable {
    /** Offsets from the port base that create-domain uses (admin, http, https, IIOP, JMS, JMX, Hazelcast...). */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};
    private static final Duration ASADMIN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(8);

    private final Path payaraHome;
    private final Path domainsDir;
    private final String name;
    private final int portBase;
    private final Path asadminLog;

    private PayaraServerDomain(Path payaraHome, Path domainsDir, String name, int portBase) {
        this.payaraHome = payaraHome;
        this.domainsDir = domainsDir;
        this.name = name;
        this.portBase = portBase;
        this.asadminLog = domainsDir.resolve("asadmin-" + name + ".log");
    }

    /** Creates the domain (not started) under {@code workDir/domains}. */
    static PayaraServerDomain create(Path payaraHome, Path workDir, String name) {
        Path domainsDir = workDir.resolve("domains");
        try {
            Files.createDirectories(domainsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PayaraServerDomain domain = new PayaraServerDomain(payaraHome, domainsDir, name, freePortBase());
        domain.asadmin(ASADMIN_TIMEOUT, "create-domain", "--domaindir", domainsDir.toString(),
                "--portbase", Integer.toString(domain.portBase), "--nopassword", name);
        domain.bindToLoopback();
        return domain;
    }

    /** A port base (a multiple of 100 from 31000) whose create-domain ports are all free. */
    private static int freePortBase() {
        return IntStream.iterate(31000, base -> base <= 39900, base -> base + 100)
                .filter(base -> IntStream.of(PORT_OFFSETS).allMatch(offset -> FreePorts.isFree(base + offset)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no free Payara Server port base in 31000-39900"));
    }

    /**
     * create-domain binds every listener to all interfaces; tests only ever talk over
     * loopback, so HTTP, admin, IIOP, JMX and Hazelcast are rebound to 127.0.0.1. (The
     * embedded JMS broker's proxy port, base+76, still listens on all interfaces: its
     * address is not configurable in domain.xml, and DistData sends no JMS.)
     */
    private void bindToLoopback() {
        Path domainXml = domainDir().resolve("config/domain.xml");
        try {
            String xml = Files.readString(domainXml, StandardCharsets.UTF_8);
            xml = xml.replaceAll("<network-listener (?![^>]*address=)", "<network-listener address=\"127.0.0.1\" ")
                    .replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"")
                    .replace("<hazelcast-runtime-configuration ",
                            "<hazelcast-runtime-configuration interface=\"127.0.0.1\" das-bind-address=\"127.0.0.1\" "
                                    + "cluster-group-name=\"distdata-ear-it-" + portBase + "\" ")
                    // Hazelcast binds its port on every interface unless told not to.
                    .replaceFirst("(<java-config [^>]*>)",
                            "$1\n        <jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>");
            Files.writeString(domainXml, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + domainXml, e);
        }
    }

    /** Starts the domain; returns how long it took. */
    Duration start() {
        Instant begin = Instant.now();
        asadmin(START_TIMEOUT, "start-domain", "--domaindir", domainsDir.toString(), name);
        pid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessReaper::register));
        return Duration.between(begin, Instant.now());
    }

    /**
     * Sets server system properties; they apply at once, without a restart, and MicroProfile
     * Config sees them. Values must not contain ':' or '=' (asadmin's separators).
     */
    void setSystemProperties(Map<String, String> properties) {
        List<String> pairs = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (value.contains(":") || value.contains("=")) {
                throw new IllegalArgumentException("asadmin needs escaping for " + key + "=" + value);
            }
            pairs.add(key + "=" + value);
        });
        asadmin(ASADMIN_TIMEOUT, "--port", Integer.toString(adminPort()), "create-system-properties",
                String.join(":", pairs));
    }

    /** Deploys an archive under the given application name; returns how long deploy took. */
    Duration deploy(Path archive, String applicationName) {
        Instant begin = Instant.now();
        asadmin(DEPLOY_TIMEOUT, "--port", Integer.toString(adminPort()), "deploy", "--name", applicationName,
                archive.toString());
        return Duration.between(begin, Instant.now());
    }

    int adminPort() {
        return portBase + 48;
    }

    int httpPort() {
        return portBase + 80;
    }

    /** The HTTP listener's root, where the EAR's web module (context root "/") and /health are served. */
    URI httpUri() {
        return URI.create("http://127.0.0.1:" + httpPort() + "/");
    }

    Path serverLog() {
        return domainDir().resolve("logs/server.log");
    }

    Path domainDir() {
        return domainsDir.resolve(name);
    }

    private Optional<Long> pid() {
        Path pidFile = domainDir().resolve("config/pid");
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** stop-domain, bounded; the server JVM is killed by PID if it is still there afterwards. */
    @Override
    public void close() {
        Optional<ProcessHandle> server = pid().flatMap(ProcessHandle::of);
        try {
            asadmin(ASADMIN_TIMEOUT, "stop-domain", "--domaindir", domainsDir.toString(), name);
        } catch (RuntimeException e) {
            System.err.println("stop-domain failed, killing the server by PID: " + e.getMessage());
        } finally {
            server.ifPresent(process -> ProcessReaper.stop(process, Duration.ofSeconds(20)));
        }
    }

    private void asadmin(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", payaraHome.resolve("bin/asadmin").toString(),
                "--interactive=false"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(asadminLog.toFile()));
        // asadmin and the server JVM it launches use the JDK running the tests.
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            Files.writeString(asadminLog, "\n$ asadmin " + String.join(" ", arguments) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessReaper.killTree(process.toHandle());
                throw new IllegalStateException("asadmin " + arguments[0] + " did not finish within " + timeout
                        + "; see " + asadminLog + " and " + serverLog());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed with exit code "
                        + process.exitValue() + ":\n" + tail(asadminLog, 30) + "\nserver log: " + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run asadmin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running asadmin", e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
