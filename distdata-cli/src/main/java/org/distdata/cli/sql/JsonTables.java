package org.distdata.cli.sql;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.distdata.cli.api.Json;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shows a JSON array from the catalog endpoints as a {@link TextTable}: one column per
 * member name seen in any element (in first-seen order), numbers right-aligned, nested
 * values as compact JSON. Used by the shell's {@code \d} commands, whose documents may
 * grow new members without the CLI changing.
 */
public final class JsonTables {

    private JsonTables() {
    }

    public static String render(JsonArray array) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonValue element : array) {
            if (element.getValueType() == JsonValue.ValueType.OBJECT) {
                keys.addAll(element.asJsonObject().keySet());
            }
        }
        if (keys.isEmpty()) { // an array of scalars
            keys.add("value");
        }
        List<String> headers = new ArrayList<>(keys);
        boolean[] right = new boolean[headers.size()];
        List<List<String>> rows = new ArrayList<>();
        for (JsonValue element : array) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < headers.size(); c++) {
                JsonValue value = element.getValueType() == JsonValue.ValueType.OBJECT
                        ? ((JsonObject) element).get(headers.get(c)) : element;
                cells.add(value == null ? "" : Json.toDisplayText(value));
                right[c] |= Json.isNumber(value);
            }
            rows.add(cells);
        }
        TextTable table = new TextTable(headers, right);
        rows.forEach(table::addRow);
        return table.render();
    }
}
