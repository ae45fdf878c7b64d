package org.distdata.cli.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonArrayBuilder;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

/**
 * Small conveniences over Jakarta JSON Processing for the CLI: parsing bodies, turning
 * values into the text a table cell shows, and turning Java parameters into JSON.
 */
public final class Json {

    private Json() {
    }

    public static JsonStructure parse(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.read();
        }
    }

    public static JsonObject parseObject(String text) {
        return (JsonObject) parse(text);
    }

    /** The body as an object, or null when it is empty or not a JSON object. */
    public static JsonObject tryParseObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parse(text) instanceof JsonObject object ? object : null;
        } catch (JsonException | ClassCastException e) {
            return null;
        }
    }

    /** What a table cell shows for a JSON value: strings unquoted, SQL NULL as {@code NULL}. */
    public static String toDisplayText(JsonValue value) {
        if (value == null) {
            return "NULL";
        }
        return switch (value.getValueType()) {
            case NULL -> "NULL";
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().toString();
            case TRUE -> "true";
            case FALSE -> "false";
            default -> value.toString();
        };
    }

    /** JSON array of statement parameters: numbers stay numbers, everything else becomes its text. */
    public static JsonArray params(List<?> values) {
        JsonArrayBuilder array = jakarta.json.Json.createArrayBuilder();
        for (Object value : values) {
            if (value == null) {
                array.addNull();
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                array.add(((Number) value).longValue());
            } else if (value instanceof BigDecimal decimal) {
                array.add(decimal.toPlainString());
            } else if (value instanceof Double || value instanceof Float) {
                array.add(((Number) value).doubleValue());
            } else if (value instanceof Boolean bool) {
                array.add(bool);
            } else {
                array.add(value.toString());
            }
        }
        return array.build();
    }

    public static boolean isNumber(JsonValue value) {
        return value != null && value.getValueType() == JsonValue.ValueType.NUMBER;
    }
}
