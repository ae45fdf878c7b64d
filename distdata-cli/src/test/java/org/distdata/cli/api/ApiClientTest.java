package org.distdata.cli.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a tiny loopback HTTP server that plays the API's login and SQL endpoints. */
class ApiClientTest {

    @TempDir
    Path stateDir;

    private HttpServer server;
    private final AtomicInteger logins = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile String validToken = "t1";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/auth/token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.contains("\"password\":\"secret\"")) {
                reply(exchange, 401, "{\"code\":\"UNAUTHENTICATED\",\"detail\":\"bad credentials\",\"status\":401}");
                return;
            }
            logins.incrementAndGet();
            reply(exchange, 200, "{\"token\":\"" + validToken + "\",\"tokenType\":\"Bearer\"}");
        });
        server.createContext("/api/v1/sql", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization);
            exchange.getRequestBody().readAllBytes();
            if (!("Bearer " + validToken).equals(authorization)) {
                reply(exchange, 401, "{\"code\":\"UNAUTHENTICATED\",\"detail\":\"expired\",\"status\":401}");
            } else {
                reply(exchange, 400, "{\"code\":\"SQL_SYNTAX\",\"detail\":\"Encountered \\\"FORM\\\"\",\"status\":400,\"line\":3}");
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private ApiClient client(String password) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new ApiClient(url, "admin", () -> password, new TokenStore(stateDir));
    }

    @Test
    void apiErrorBecomesCodeAndDetail() {
        assertThatThrownBy(() -> client("secret").sql("SELECT * FORM t", List.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("SQL_SYNTAX");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toDisplayString()).startsWith("ERROR SQL_SYNTAX: Encountered \"FORM\"")
                            .contains("line: 3");
                });
    }

    @Test
    void tokenIsCachedSoASecondClientDoesNotLogInAgain() {
        assertThatThrownBy(() -> client("secret").sql("x", List.of())).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> client("never asked").sql("x", List.of())).isInstanceOf(ApiException.class);

        assertThat(logins.get()).isEqualTo(1);
        assertThat(authorizations).containsOnly("Bearer t1");
    }

    @Test
    void expiredTokenLeadsToOneNewLoginAndARetry() {
        assertThatThrownBy(() -> client("secret").sql("x", List.of())).isInstanceOf(ApiException.class);
        validToken = "t2"; // the server no longer accepts t1

        assertThatThrownBy(() -> client("secret").sql("x", List.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("SQL_SYNTAX"));

        assertThat(logins.get()).isEqualTo(2);
        assertThat(authorizations).containsExactly("Bearer t1", "Bearer t1", "Bearer t2");
    }

    @Test
    void wrongPasswordIsUnauthenticated() {
        assertThatThrownBy(() -> client("wrong").sql("x", List.of()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("UNAUTHENTICATED"));
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
