package org.distdata.cli.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer of {@code POST /api/v1/sql}: result columns and rows for a query, or an
 * update count for DML/DDL (API.md, "SQL").
 */
public record SqlResponse(List<Column> columns, List<List<JsonValue>> rows, Long updateCount, double elapsedMs) {

    /** One result column: its name and SQL type name as the API reports them. */
    public record Column(String name, String type) {
    }

    public boolean isQuery() {
        return !columns.isEmpty();
    }

    public static SqlResponse fromJson(JsonObject json) {
        List<Column> columns = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("columns") == null ? JsonValue.EMPTY_JSON_ARRAY : json.getJsonArray("columns")) {
            JsonObject column = value.asJsonObject();
            columns.add(new Column(column.getString("name", "?"), column.getString("type", "")));
        }
        List<List<JsonValue>> rows = new ArrayList<>();
        JsonArray jsonRows = json.getJsonArray("rows");
        if (jsonRows != null) {
            for (JsonValue row : jsonRows) {
                rows.add(List.copyOf(row.asJsonArray()));
            }
        }
        Long updateCount = json.isNull("updateCount") || !json.containsKey("updateCount")
                ? null : json.getJsonNumber("updateCount").longValue();
        double elapsed = json.containsKey("elapsedMs") && !json.isNull("elapsedMs")
                ? json.getJsonNumber("elapsedMs").doubleValue() : 0;
        return new SqlResponse(List.copyOf(columns), rows, updateCount, elapsed);
    }
}
