package org.distdata.relation;

import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between JDBC and the engine's JDBC-neutral values (see {@link SqlResult}): reading
 * a column by its SQL type, and binding a Java value as a statement parameter.
 */
public final class JdbcValues {
    private JdbcValues() {
    }

    public static List<ColumnInfo> columns(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<ColumnInfo> cols = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            cols.add(new ColumnInfo(md.getColumnLabel(i), md.getColumnTypeName(i)));
        }
        return cols;
    }

    /** Each column's type as Derby DDL spells it, for declaring a relation with the same values. */
    public static List<String> ddlTypes(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String name = md.getColumnTypeName(i);
            out.add(switch (md.getColumnType(i)) {
                // CHAR values come back as Derby produced them (a CASE of CHAR literals is not
                // padded); VARCHAR keeps them exactly, and compares alike (trailing blanks ignored)
                case Types.CHAR, Types.VARCHAR -> "VARCHAR(" + Math.max(1, md.getPrecision(i)) + ")";
                case Types.DECIMAL, Types.NUMERIC -> "DECIMAL(" + md.getPrecision(i) + "," + md.getScale(i) + ")";
                case Types.BINARY -> "CHAR(" + Math.max(1, md.getPrecision(i)) + ") FOR BIT DATA";
                case Types.VARBINARY -> "VARCHAR(" + Math.max(1, md.getPrecision(i)) + ") FOR BIT DATA";
                case Types.CLOB -> "CLOB";
                case Types.BLOB -> "BLOB";
                default -> name;
            });
        }
        return out;
    }

    public static int[] types(ResultSetMetaData md) throws SQLException {
        int[] t = new int[md.getColumnCount()];
        for (int i = 0; i < t.length; i++) {
            t[i] = md.getColumnType(i + 1);
        }
        return t;
    }

    /** Reads column {@code index} (1-based) of the current row as a neutral Java value. */
    public static Object read(ResultSet rs, int index, int sqlType) throws SQLException {
        Object v = switch (sqlType) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> rs.getInt(index);
            case Types.BIGINT -> rs.getLong(index);
            case Types.DOUBLE, Types.FLOAT -> rs.getDouble(index);
            case Types.REAL -> rs.getFloat(index);
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(index);
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(index);
            case Types.DATE -> toLocal(rs.getDate(index));
            case Types.TIME -> toLocal(rs.getTime(index));
            case Types.TIMESTAMP -> toLocal(rs.getTimestamp(index));
            case Types.CLOB -> readClob(rs.getClob(index));
            case Types.BLOB -> readBlob(rs.getBlob(index));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> rs.getBytes(index);
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR -> rs.getString(index);
            default -> rs.getObject(index);
        };
        return rs.wasNull() ? null : v;
    }

    /** Binds {@code value} as parameter {@code index} (1-based). */
    public static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            int type;
            try {
                type = ps.getParameterMetaData().getParameterType(index);
            } catch (SQLException e) {
                type = Types.VARCHAR;
            }
            ps.setNull(index, type);
        } else if (value instanceof LocalDate d) {
            ps.setDate(index, Date.valueOf(d));
        } else if (value instanceof LocalTime t) {
            ps.setTime(index, Time.valueOf(t));
        } else if (value instanceof LocalDateTime ts) {
            ps.setTimestamp(index, Timestamp.valueOf(ts));
        } else if (value instanceof BigDecimal bd) {
            ps.setBigDecimal(index, bd);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else {
            ps.setObject(index, value);
        }
    }

    public static void bindAll(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            bind(ps, i + 1, params.get(i));
        }
    }

    private static LocalDate toLocal(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static LocalTime toLocal(Time t) {
        return t == null ? null : t.toLocalTime();
    }

    private static LocalDateTime toLocal(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

    private static String readClob(Clob c) throws SQLException {
        return c == null ? null : c.getSubString(1, (int) c.length());
    }

    private static byte[] readBlob(Blob b) throws SQLException {
        return b == null ? null : b.getBytes(1, (int) b.length());
    }
}
