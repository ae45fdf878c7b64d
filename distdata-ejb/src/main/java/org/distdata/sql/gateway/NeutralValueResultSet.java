package org.distdata.sql.gateway;

import org.apache.derby.vti.VTITemplate;

import javax.sql.rowset.serial.SerialBlob;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The read side of a Derby table function whose rows hold the engine's JDBC-neutral values
 * (Integer, Long, BigDecimal, String, LocalDate, ...; see {@link org.distdata.relation.SqlResult}):
 * every typed getter converts from the value a subclass returns for the current row.
 */
abstract class NeutralValueResultSet extends VTITemplate {
    private boolean wasNull;

    /** The current row's value of 1-based {@code column}, or null for SQL NULL. */
    protected abstract Object columnValue(int column);

    private Object value(int column) {
        Object v = columnValue(column);
        wasNull = v == null;
        return v;
    }

    @Override
    public boolean wasNull() {
        return wasNull;
    }

    @Override
    public String getString(int column) {
        Object v = value(column);
        return v == null ? null : v.toString();
    }

    @Override
    public boolean getBoolean(int column) {
        Object v = value(column);
        return v != null && (Boolean) v;
    }

    @Override
    public byte getByte(int column) {
        Object v = value(column);
        return v == null ? 0 : ((Number) v).byteValue();
    }

    @Override
    public short getShort(int column) {
        Object v = value(column);
        return v == null ? 0 : ((Number) v).shortValue();
    }

    @Override
    public int getInt(int column) {
        Object v = value(column);
        return v == null ? 0 : ((Number) v).intValue();
    }

    @Override
    public long getLong(int column) {
        Object v = value(column);
        return v == null ? 0 : ((Number) v).longValue();
    }

    @Override
    public float getFloat(int column) {
        Object v = value(column);
        return v == null ? 0 : ((Number) v).floatValue();
    }

    @Override
    public double getDouble(int column) {
        Object v = value(column);
        return v == null ? 0 : ((Number) v).doubleValue();
    }

    @Override
    public BigDecimal getBigDecimal(int column) {
        Object v = value(column);
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        return new BigDecimal(v.toString());
    }

    @Override
    public byte[] getBytes(int column) {
        return (byte[]) value(column);
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        byte[] v = (byte[]) value(column);
        return v == null ? null : new SerialBlob(v);
    }

    @Override
    public Date getDate(int column) {
        Object v = value(column);
        if (v instanceof LocalDateTime ts) {
            return Date.valueOf(ts.toLocalDate());
        }
        return v == null ? null : Date.valueOf((LocalDate) v);
    }

    @Override
    public Time getTime(int column) {
        Object v = value(column);
        if (v instanceof LocalDateTime ts) {
            return Time.valueOf(ts.toLocalTime());
        }
        return v == null ? null : Time.valueOf((LocalTime) v);
    }

    @Override
    public Timestamp getTimestamp(int column) {
        Object v = value(column);
        if (v instanceof LocalDate d) {
            return Timestamp.valueOf(d.atStartOfDay());
        }
        return v == null ? null : Timestamp.valueOf((LocalDateTime) v);
    }

    @Override
    public Object getObject(int column) {
        return value(column);
    }
}
