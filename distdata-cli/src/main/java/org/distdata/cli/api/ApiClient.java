package org.distdata.cli.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A client of the DistData HTTP API (API.md) over one {@link HttpClient}: HTTP/1.1 with
 * keep-alive, so a client that is used by one thread at a time holds one TCP connection
 * (the JDK's HttpClient sets TCP_NODELAY on its sockets, so small requests are not held
 * back by Nagle's algorithm). It logs in lazily, caches the token in a {@link TokenStore}
 * and logs in again once when the server answers 401 (expired or revoked token).
 */
public final class ApiClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final String baseUrl;
    private final String user;
    private final Supplier<String> password;
    private final TokenStore tokenStore;
    private final HttpClient http;
    private volatile String token;

    public ApiClient(String baseUrl, String user, Supplier<String> password, TokenStore tokenStore) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.tokenStore = tokenStore;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Runs one statement; throws {@link ApiException} on an error answer. */
    public SqlResponse sql(String sql, List<?> params) {
        JsonObject body = jakarta.json.Json.createObjectBuilder()
                .add("sql", sql)
                .add("params", Json.params(params))
                .build();
        return SqlResponse.fromJson(Json.parseObject(post("/api/v1/sql", "application/json",
                HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))));
    }

    /** Streams a CSV file (header row = column names) to the table's import endpoint. */
    public JsonObject importCsv(String table, Path csv) {
        if (!Files.isReadable(csv)) {
            throw new UncheckedIOException(new FileNotFoundException("cannot read " + csv));
        }
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofFile(csv);
            return Json.parseObject(post(importPath(table), "text/csv", body));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends CSV text held in memory (the bench's import workload). */
    public JsonObject importCsv(String table, byte[] csv) {
        return Json.parseObject(post(importPath(table), "text/csv", HttpRequest.BodyPublishers.ofByteArray(csv)));
    }

    /** GET of a JSON document below the base URL, e.g. {@code /api/v1/tables}. */
    public JsonStructure get(String path) {
        return get(path, REQUEST_TIMEOUT);
    }

    /** GET with its own deadline, for callers that must not wait minutes for a hung node (status). */
    public JsonStructure get(String path, Duration timeout) {
        return Json.parse(send(() -> authorized(path).timeout(timeout).GET().build()));
    }

    /** POST without a body (an action such as {@code /api/v1/cluster/check}); the answer is JSON. */
    public JsonStructure post(String path) {
        return Json.parse(post(path, "application/json", HttpRequest.BodyPublishers.noBody()));
    }

    public JsonArray tables() {
        return get("/api/v1/tables").asJsonArray();
    }

    public JsonObject table(String name) {
        return get("/api/v1/tables/" + encode(name)).asJsonObject();
    }

    private static String importPath(String table) {
        return "/api/v1/tables/" + encode(table) + "/import";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String post(String path, String contentType, HttpRequest.BodyPublisher body) {
        return send(() -> authorized(path).header("Content-Type", contentType).POST(body).build());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + currentToken());
    }

    /** Sends the request; on 401 with a cached token, logs in again and retries once. */
    private String send(Supplier<HttpRequest> request) {
        HttpResponse<String> response = exchange(request.get());
        if (response.statusCode() == 401) {
            token = null;
            tokenStore.forget(baseUrl, user);
            response = exchange(request.get());
        }
        if (response.statusCode() >= 300) {
            throw ApiException.fromResponse(response.statusCode(), response.body());
        }
        return response.body();
    }

    private String currentToken() {
        String current = token;
        if (current == null) {
            current = tokenStore.load(baseUrl, user).orElseGet(this::login);
            token = current;
        }
        return current;
    }

    private synchronized String login() {
        JsonObject body = jakarta.json.Json.createObjectBuilder()
                .add("username", user)
                .add("password", password.get())
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != 200) {
            throw ApiException.fromResponse(response.statusCode(), response.body());
        }
        String fresh = Json.parseObject(response.body()).getString("token");
        tokenStore.save(baseUrl, user, fresh);
        return fresh;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) { // its own message is often null: name the address
            ConnectException named = new ConnectException("cannot connect to " + baseUrl);
            named.initCause(e);
            throw new UncheckedIOException(named);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.uri(), e);
        }
    }
}
