package org.distdata.web.json;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.core.StreamingOutput;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Shared JSON-P factories (created once; creating them per request is the expensive part of
 * JSON-P) and a helper that streams a response body straight to the client.
 */
public final class JsonOutput {
    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private JsonOutput() {
    }

    public static StreamingOutput stream(Consumer<JsonGenerator> body) {
        return out -> {
            try (JsonGenerator g = GENERATORS.createGenerator(out)) {
                body.accept(g);
            }
        };
    }
}
