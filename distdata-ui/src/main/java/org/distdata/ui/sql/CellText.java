package org.distdata.ui.sql;

import java.math.BigDecimal;
import java.util.HexFormat;

/**
 * How a result value reads in the grid: numbers exactly (DECIMAL without exponent), dates and
 * times in ISO-8601, binary as hex. SQL NULL has no text here; the grid shows it as a dimmed
 * {@code NULL} so it cannot be confused with the string 'NULL'.
 */
public final class CellText {
    private static final int MAX_BINARY_BYTES = 64;

    private CellText() {
    }

    /** The text of a non-null value; null for SQL NULL. */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, MAX_BINARY_BYTES));
            return "0x" + hex + (bytes.length > MAX_BINARY_BYTES ? "… (" + bytes.length + " bytes)" : "");
        }
        return value.toString();
    }
}
