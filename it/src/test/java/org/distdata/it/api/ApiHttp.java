package org.distdata.it.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Raw HTTP against the deployed API, for tests that look at status codes, media types and
 * problem bodies: one JDK client (keep-alive), every call bounded by a timeout, an optional
 * bearer token per call.
 */
final class ApiHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ApiHttp(URL base) {
        // Arquillian reports the host Micro announces (the machine's address), but the tests
        // bind HTTP to loopback only: keep the port and path, talk to 127.0.0.1.
        this.base = URI.create("http://127.0.0.1:" + base.getPort() + (base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/"));
    }

    record Reply(int status, String contentType, String body) {
        JsonObject json() {
            return (JsonObject) parse();
        }

        JsonArray jsonArray() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        boolean isProblem(String code) {
            return contentType.startsWith("application/problem+json") && code.equals(json().getString("code"));
        }
    }

    /** Logs in and returns the token, failing the test if login is refused. */
    String login(String username, String password) {
        Reply r = send("POST", "api/v1/auth/token", null, "application/json",
                Json.createObjectBuilder().add("username", username).add("password", password).build().toString());
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r);
        }
        return r.json().getString("token");
    }

    Reply sql(String token, JsonObject body) {
        return send("POST", "api/v1/sql", token, "application/json", body.toString());
    }

    Reply get(String token, String path) {
        return send("GET", path, token, null, null);
    }

    Reply send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
