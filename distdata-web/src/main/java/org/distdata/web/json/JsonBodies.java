package org.distdata.web.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JSON request bodies with the size limit applied while reading, and gives typed,
 * validated access to their members; every shape error is a BAD_REQUEST naming the member.
 * The reader factory is created once: no per-request parser setup.
 */
public final class JsonBodies {
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonBodies() {
    }

    /** Parses a JSON object body of at most {@code limit} bytes. */
    public static JsonObject readObject(InputStream body, long limit) {
        if (body == null) {
            throw badRequest("a JSON object body is required");
        }
        try (JsonReader reader = READERS.createReader(new LimitedInputStream(body, limit))) {
            JsonValue v = reader.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw badRequest("the body must be a JSON object");
            }
            return v.asJsonObject();
        } catch (JsonException e) {
            // The size limit fires inside the parser, which may wrap it.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DistDataException dd) {
                    throw dd;
                }
            }
            throw badRequest("malformed JSON: " + e.getMessage());
        }
    }

    public static String requiredString(JsonObject o, String name) {
        return optionalString(o, name).orElseThrow(() -> badRequest("'" + name + "' is required"));
    }

    public static Optional<String> optionalString(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        throw badRequest("'" + name + "' must be a string");
    }

    public static Optional<Boolean> optionalBoolean(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return Optional.of(v == JsonValue.TRUE);
        }
        throw badRequest("'" + name + "' must be true or false");
    }

    public static Optional<Long> optionalLong(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return Optional.of(n.longValueExact());
            } catch (ArithmeticException e) {
                throw badRequest("'" + name + "' is out of range");
            }
        }
        throw badRequest("'" + name + "' must be an integer");
    }

    public static Optional<JsonArray> optionalArray(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (v instanceof JsonArray a) {
            return Optional.of(a);
        }
        throw badRequest("'" + name + "' must be an array");
    }

    public static DistDataException badRequest(String detail) {
        return new DistDataException(ErrorCode.BAD_REQUEST, detail);
    }
}
