package org.distdata.web.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.sql.SqlStatement;
import org.distdata.web.json.BodyLimits;
import org.distdata.web.json.JsonBodies;
import org.distdata.web.json.SqlParams;
import org.distdata.security.control.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the statement members of {@code /sql} and {@code /sql/batch} bodies: the SQL text
 * (at most {@link BodyLimits#MAX_SQL_CHARS}, else PAYLOAD_TOO_LARGE), its parameters
 * ({@link SqlParams}), the explicit transaction to run in ({@code transactionId}, at the top
 * level of the body) and {@code timeoutMs}, the statement's time limit (the engine answers
 * TIMEOUT past it; without one the engine's default applies).
 */
final class SqlRequests {
    static final int MAX_BATCH_STATEMENTS = 10_000;

    private SqlRequests() {
    }

    /** The explicit transaction a request names, if any. */
    static java.util.Optional<String> transactionId(JsonObject o) {
        java.util.Optional<String> id = JsonBodies.optionalString(o, "transactionId");
        id.filter(String::isBlank).ifPresent(blank -> {
            throw JsonBodies.badRequest("'transactionId' is empty");
        });
        return id;
    }

    static SqlStatement statement(JsonObject o) {
        java.util.Optional<Long> timeoutMs = JsonBodies.optionalLong(o, "timeoutMs");
        timeoutMs.filter(t -> t <= 0).ifPresent(t -> {
            throw JsonBodies.badRequest("'timeoutMs' must be positive");
        });
        String sql = JsonBodies.requiredString(o, "sql");
        if (sql.length() > BodyLimits.MAX_SQL_CHARS) {
            throw new DistDataException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "SQL text longer than " + BodyLimits.MAX_SQL_CHARS + " characters", null,
                    Map.of("limitChars", BodyLimits.MAX_SQL_CHARS));
        }
        if (sql.isBlank()) {
            throw JsonBodies.badRequest("'sql' is empty");
        }
        List<Object> params = JsonBodies.optionalArray(o, "params").map(SqlParams::fromJson).orElse(List.of());
        return new SqlStatement(sql, params, timeoutMs.map(java.time.Duration::ofMillis).orElse(null));
    }

    static List<SqlStatement> batch(JsonObject o) {
        JsonArray items = JsonBodies.optionalArray(o, "statements")
                .orElseThrow(() -> JsonBodies.badRequest("'statements' is required"));
        if (items.isEmpty() || items.size() > MAX_BATCH_STATEMENTS) {
            throw JsonBodies.badRequest("'statements' must hold 1 to " + MAX_BATCH_STATEMENTS + " statements");
        }
        List<SqlStatement> statements = new ArrayList<>(items.size());
        for (JsonValue item : items) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw JsonBodies.badRequest("each of 'statements' must be an object with 'sql' and 'params'");
            }
            statements.add(statement(item.asJsonObject()));
        }
        return statements;
    }

    /**
     * The most demanding kind among the statements (READ < WRITE < ADMIN). A statement that is
     * no statement fails the request here, with the engine's SQL_SYNTAX; in a batch its index
     * is named, as the engine names a failing statement's.
     */
    static StatementKind kindOf(List<SqlStatement> statements) {
        StatementKind kind = StatementKind.READ;
        for (int i = 0; i < statements.size(); i++) {
            StatementKind k;
            try {
                k = StatementKind.of(statements.get(i).sql());
            } catch (DistDataException e) {
                if (statements.size() == 1) {
                    throw e;
                }
                throw new DistDataException(e.code(), "statement " + (i + 1) + ": " + e.detail(), null,
                        Map.of("statementIndex", i, "statementsCompleted", 0));
            }
            if (k.compareTo(kind) > 0) {
                kind = k;
            }
        }
        return kind;
    }
}
