package org.distdata.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A small client for DistData's HTTP API (API.md) as the tests see it: plain JDK
 * {@link HttpClient}, JSON-P for bodies, every call bounded by a timeout. It keeps the
 * bearer token of its last {@link #login}, so a test reads as the calls it makes.
 */
public final class ApiClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final URI baseUri;
    private final HttpClient http;
    private String token;

    /** @param baseUri the application's root, e.g. {@code http://127.0.0.1:8080/}; API paths are resolved against it */
    public ApiClient(URI baseUri) {
        this.baseUri = baseUri.toString().endsWith("/") ? baseUri : URI.create(baseUri + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI baseUri() {
        return baseUri;
    }

    /** A response as the test needs it: status and raw body, parsed on demand. */
    public record Response(int status, String body) {
        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonArray jsonArray() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }

    /** Trades username and password for a token and keeps it for the next calls. */
    public Response login(String username, String password) {
        String body = Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
        Response response = post("api/v1/auth/token", body);
        if (response.status() == 200) {
            token = response.json().getString("token");
        }
        return response;
    }

    /** Uses the token {@code other} logged in with: a token issued by one node is good on every node. */
    public void useTokenOf(ApiClient other) {
        this.token = other.token;
    }

    /** Runs one SQL statement through {@code POST /api/v1/sql}. */
    public Response sql(String sql) {
        return post("api/v1/sql", Json.createObjectBuilder().add("sql", sql).build().toString());
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String jsonBody) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** Sends the request without the stored token (to check that the API demands one). */
    public Response postAnonymously(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(baseUri.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /**
     * Polls {@code /health/ready} until it answers 200 or the deadline passes.
     *
     * @return the time it took
     * @throws IllegalStateException with the last answer seen, when the deadline passes
     */
    public Duration awaitReady(Duration deadline) {
        Instant start = Instant.now();
        Instant giveUp = start.plus(deadline);
        String last = "no answer";
        while (Instant.now().isBefore(giveUp)) {
            try {
                Response ready = get("health/ready");
                if (ready.status() == 200) {
                    return Duration.between(start, Instant.now());
                }
                last = ready.status() + " " + ready.body();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString();
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new IllegalStateException(baseUri + "health/ready not UP after " + deadline + ": " + last);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(CALL_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
