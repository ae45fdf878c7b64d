package org.distdata.web.json;

import jakarta.json.stream.JsonGenerator;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.SqlResult;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.List;

/**
 * Writes a {@link SqlResult} in API.md's shape with its value mapping: integers and floating
 * point as JSON numbers (NaN and infinities, which JSON cannot express, as strings); DECIMAL
 * as a string so no digit is lost; character data as strings; booleans; DATE, TIME and
 * TIMESTAMP as ISO-8601 strings; binary data as base64; SQL NULL as null.
 */
public final class SqlResultJson {
    private SqlResultJson() {
    }

    public static void write(JsonGenerator g, SqlResult r) {
        write(g, r, null);
    }

    /** The result, with the explicit transaction it ran in when {@code transactionId} is given. */
    public static void write(JsonGenerator g, SqlResult r, String transactionId) {
        g.writeStartObject();
        g.writeStartArray("columns");
        for (ColumnInfo c : r.columns()) {
            g.writeStartObject().write("name", c.name()).write("type", c.type()).writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("rows");
        for (List<Object> row : r.rows()) {
            g.writeStartArray();
            for (Object v : row) {
                writeValue(g, v);
            }
            g.writeEnd();
        }
        g.writeEnd();
        g.write("rowCount", r.rowCount());
        if (r.updateCount() == null) {
            g.writeNull("updateCount");
        } else {
            g.write("updateCount", r.updateCount());
        }
        g.write("elapsedMs", Math.round(r.elapsedMs() * 1000) / 1000.0);
        if (transactionId != null) {
            g.write("transactionId", transactionId);
        }
        g.writeEnd();
    }

    static void writeValue(JsonGenerator g, Object v) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.write(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            g.write(bi);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.write(d);
            } else {
                g.write(Double.toString(d));
            }
        } else if (v instanceof BigDecimal bd) {
            g.write(bd.toPlainString());
        } else if (v instanceof Boolean b) {
            g.write(b);
        } else if (v instanceof byte[] bytes) {
            g.write(Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof java.sql.Timestamp ts) {
            g.write(ts.toLocalDateTime().toString());
        } else if (v instanceof java.sql.Date d) {
            g.write(d.toLocalDate().toString());
        } else if (v instanceof java.sql.Time t) {
            g.write(t.toLocalTime().toString());
        } else if (v instanceof TemporalAccessor) {
            g.write(v.toString()); // java.time's toString is ISO-8601
        } else {
            g.write(v.toString());
        }
    }
}
