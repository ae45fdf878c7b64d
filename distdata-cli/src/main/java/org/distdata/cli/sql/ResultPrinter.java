package org.distdata.cli.sql;

import jakarta.json.JsonValue;
import org.distdata.cli.api.Json;
import org.distdata.cli.api.SqlResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an API {@link SqlResponse} into what the user reads: a {@link TextTable} for a
 * query (numeric columns right-aligned, SQL NULL as {@code NULL}) or
 * {@code OK, N rows affected} for DML and DDL.
 */
public final class ResultPrinter {

    private static final Set<String> NUMERIC_TYPES = Set.of(
            "SMALLINT", "INTEGER", "INT", "BIGINT", "DECIMAL", "NUMERIC", "REAL", "DOUBLE", "FLOAT",
            "DOUBLE PRECISION");

    private ResultPrinter() {
    }

    public static String format(SqlResponse response) {
        if (!response.isQuery()) {
            long count = response.updateCount() == null ? 0 : response.updateCount();
            return "OK, " + count + (count == 1 ? " row" : " rows") + " affected\n";
        }
        List<String> headers = new ArrayList<>();
        boolean[] right = new boolean[response.columns().size()];
        for (int c = 0; c < response.columns().size(); c++) {
            SqlResponse.Column column = response.columns().get(c);
            headers.add(column.name());
            right[c] = isNumeric(column.type());
        }
        TextTable table = new TextTable(headers, right);
        for (List<JsonValue> row : response.rows()) {
            List<String> cells = new ArrayList<>(row.size());
            for (JsonValue value : row) {
                cells.add(Json.toDisplayText(value));
            }
            table.addRow(cells);
        }
        return table.render();
    }

    static boolean isNumeric(String sqlType) {
        String base = sqlType == null ? "" : sqlType.toUpperCase(Locale.ROOT);
        int paren = base.indexOf('(');
        if (paren >= 0) {
            base = base.substring(0, paren);
        }
        return NUMERIC_TYPES.contains(base.strip());
    }
}
