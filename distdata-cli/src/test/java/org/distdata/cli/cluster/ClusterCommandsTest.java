package org.distdata.cli.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.distdata.cli.DistDataCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code status} and {@code check} against a loopback server playing the API's login, nodes and check endpoints. */
@Timeout(30)
class ClusterCommandsTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String checkAnswer;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/auth/token", exchange -> reply(exchange, 200, "{\"token\":\"t\"}"));
        server.createContext("/api/v1/nodes", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            reply(exchange, 200, """
                    [{"id": 1, "name": "n1", "state": "UP", "replicas": 16, "leaders": 16,
                      "apiUrl": "http://127.0.0.1:8080"}]""");
        });
        server.createContext("/api/v1/cluster/check", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            reply(exchange, 200, checkAnswer);
        });
        server.start();
        Files.writeString(dir.resolve("pw"), "secret\n");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = DistDataCli.newCommandLine().execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private String[] withConnection(String url, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url, "--password-file", dir.resolve("pw").toString(),
                "--state-dir", dir.resolve("state").toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void statusShowsTheClustersNodesAndTheLaunchersOthers() {
        Run r = run(withConnection(url(), "status", "--process", "n1=UP@http://127.0.0.1:8080/api/v1",
                "--process", "n2=STARTING@http://127.0.0.1:8081/api/v1"));

        assertThat(r.exitCode()).isZero();
        assertThat(calls).containsExactly("GET /api/v1/nodes");
        assertThat(r.out()).isEqualTo("""
                NODE  STATE     API                           REPLICAS  LEADERS
                n1    UP        http://127.0.0.1:8080/api/v1        16       16
                n2    STARTING  http://127.0.0.1:8081/api/v1         -        -
                """);
    }

    @Test
    void statusFallsBackToProcessStatusWhenNoNodeAnswers() {
        String closed = url();
        server.stop(0);

        Run r = run(withConnection(closed, "status", "--process", "n1=DOWN@http://127.0.0.1:8080/api/v1"));

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("The cluster did not answer").contains("showing process status");
        assertThat(r.out()).contains("n1    DOWN   http://127.0.0.1:8080/api/v1         -        -");
    }

    @Test
    void checkExitsWithZeroWhenAllPartitionsAgreeAndOneOnAMismatch() {
        checkAnswer = """
                {"consistent": true, "partitions": [{"id": 0, "consistent": true, "appliedIndex": 3,
                  "replicas": [{"node": "n1", "checksum": "aa", "error": null}]}]}""";
        Run ok = run(withConnection(url(), "check"));

        checkAnswer = """
                {"consistent": false, "partitions": [{"id": 0, "consistent": false, "appliedIndex": 3,
                  "replicas": [{"node": "n1", "checksum": "aa", "error": null},
                               {"node": "n2", "checksum": "bb", "error": null}]}]}""";
        Run mismatch = run(withConnection(url(), "check"));

        assertThat(calls).containsExactly("POST /api/v1/cluster/check", "POST /api/v1/cluster/check");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).endsWith("Consistent: all 1 partitions agree.\n");
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.out()).startsWith("p0  MISMATCH  applied 3  n1=aa  n2=bb\n");
    }

    @Test
    void aRefusedCheckIsAnErrorLineAndExitCodeOne() {
        server.removeContext("/api/v1/cluster/check");
        server.createContext("/api/v1/cluster/check", exchange -> reply(exchange, 403,
                "{\"code\":\"FORBIDDEN\",\"detail\":\"needs role admin\",\"status\":403}"));

        Run r = run(withConnection(url(), "check"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR FORBIDDEN: needs role admin");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
