package org.distdata.web.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the JSON {@code "params"} array of a SQL request into statement parameters.
 * Mapping: a JSON number without fraction or exponent that fits a long becomes a
 * {@link Long}; any other number a {@link BigDecimal} (exact, so DECIMAL columns get
 * exactly what the client wrote; the database converts it for DOUBLE columns); strings
 * stay strings (dates and times are passed as ISO strings and converted by the database);
 * true/false become {@link Boolean}; null stays null. Arrays and objects are rejected.
 */
public final class SqlParams {
    private SqlParams() {
    }

    public static List<Object> fromJson(JsonArray params) {
        List<Object> values = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            values.add(value(params.get(i), i));
        }
        return values;
    }

    static Object value(JsonValue v, int index) {
        return switch (v.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> number((JsonNumber) v);
            default -> throw JsonBodies.badRequest("parameter " + (index + 1)
                    + " must be a number, string, boolean or null, not an " + v.getValueType().name().toLowerCase());
        };
    }

    private static Object number(JsonNumber n) {
        BigDecimal d = n.bigDecimalValue();
        if (n.isIntegral()) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException tooBig) {
                return d;
            }
        }
        return d;
    }
}
