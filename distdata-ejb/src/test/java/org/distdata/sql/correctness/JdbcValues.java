package org.distdata.sql.correctness;

import org.distdata.relation.ColumnInfo;
import org.distdata.relation.SqlResult;

import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between JDBC and the engine's JDBC-neutral values: binds {@code SqlStatement}
 * parameters and reads a {@link ResultSet} into a {@link SqlResult} with the column names,
 * type names and Java value classes that {@code SqlResult} documents.
 */
final class JdbcValues {
    private JdbcValues() {
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        ParameterMetaData meta = null;
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value == null) {
                if (meta == null) {
                    meta = ps.getParameterMetaData();
                }
                ps.setNull(i + 1, meta.getParameterType(i + 1));
            } else {
                ps.setObject(i + 1, value);
            }
        }
    }

    static SqlResult read(ResultSet rs, double elapsedMs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<ColumnInfo> columns = new ArrayList<>(n);
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            columns.add(new ColumnInfo(meta.getColumnLabel(i + 1), meta.getColumnTypeName(i + 1)));
            types[i] = meta.getColumnType(i + 1);
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                row.add(value(rs, i + 1, types[i]));
            }
            rows.add(row);
        }
        return new SqlResult(columns, rows, null, elapsedMs);
    }

    private static Object value(ResultSet rs, int column, int type) throws SQLException {
        Object v = switch (type) {
            case Types.INTEGER -> rs.getInt(column);
            case Types.BIGINT -> rs.getLong(column);
            case Types.SMALLINT, Types.TINYINT -> rs.getShort(column);
            case Types.DOUBLE, Types.FLOAT -> rs.getDouble(column);
            case Types.REAL -> rs.getFloat(column);
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(column);
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(column);
            case Types.DATE -> {
                Date d = rs.getDate(column);
                yield d == null ? null : d.toLocalDate();
            }
            case Types.TIME -> {
                Time t = rs.getTime(column);
                yield t == null ? null : t.toLocalTime();
            }
            case Types.TIMESTAMP -> {
                Timestamp t = rs.getTimestamp(column);
                yield t == null ? null : t.toLocalDateTime();
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(column);
            default -> rs.getString(column);
        };
        return rs.wasNull() ? null : v;
    }
}
