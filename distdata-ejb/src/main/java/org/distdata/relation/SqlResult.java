package org.distdata.relation;

import java.util.List;

/**
 * The outcome of one statement, shaped like API.md's SQL result. For a query, {@code columns}
 * and {@code rows} hold the data and {@code updateCount} is null; for DML and DDL the lists are
 * empty and {@code updateCount} is set. Row values are JDBC-neutral Java values: Integer, Long,
 * Short, Double, Float, BigDecimal, String, Boolean, LocalDate, LocalTime, LocalDateTime,
 * byte[] or null.
 */
public record SqlResult(List<ColumnInfo> columns, List<List<Object>> rows, Long updateCount, double elapsedMs) {

    public static SqlResult update(long count, double elapsedMs) {
        return new SqlResult(List.of(), List.of(), count, elapsedMs);
    }

    public int rowCount() {
        return rows.size();
    }

    public SqlResult withElapsed(double ms) {
        return new SqlResult(columns, rows, updateCount, ms);
    }
}
