package org.distdata.sql.gateway;

import org.apache.derby.vti.VTICosting;
import org.apache.derby.vti.VTIEnvironment;
import org.apache.derby.vti.VTITemplate;
import org.distdata.partition.StatementTimeout;
import org.distdata.sql.exec.Relation;

import javax.sql.rowset.serial.SerialBlob;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Iterator;

/**
 * A Derby table function over a {@link Relation} gathered at the gateway, so that the final
 * stage of a distributed plan (aggregates, sorts, residual predicates, expressions) runs as
 * ordinary Derby SQL over rows the engine already holds. The statement names each relation
 * by a key; the rows travel in the statement's {@link ScanContext}. The rows are in memory,
 * so Derby may re-open the scan as often as it likes.
 */
public final class RelationScan extends VTITemplate implements VTICosting {
    /** Row count assumed when the statement's relations are not known at compile time. */
    private static final double DEFAULT_ROW_COUNT = 10_000;

    private final Iterator<Object[]> rows;
    private Object[] current;
    private long position;
    private boolean wasNull;
    private boolean closed;

    /** Used by Derby only to ask for costs (see {@link VTICosting}); never scans. */
    public RelationScan() {
        this.rows = null;
    }

    private RelationScan(Relation relation) {
        this.rows = relation.rows().iterator();
    }

    /** Entry point named in the gateway's {@code CREATE FUNCTION ... EXTERNAL NAME}. */
    public static ResultSet scan(String key) throws SQLException {
        Relation r = ScanContext.current().relation(key);
        if (r == null) {
            throw new SQLException("no gathered relation '" + key + "' in this statement", "42X05");
        }
        return new RelationScan(r);
    }

    @Override
    public boolean next() throws SQLException {
        if ((++position & 1023) == 0) {
            StatementTimeout.check();
        }
        current = rows.hasNext() ? rows.next() : null;
        return current != null;
    }

    private Object value(int column) {
        Object v = current[column - 1];
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

    @Override
    public void close() {
        closed = true;
        current = null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    // --- costing. Derby asks a fresh no-argument instance, which cannot tell which of the
    // statement's relations it stands for; the largest of them is a safe estimate, since
    // guessing an inner relation too small is what leads Derby to re-scan it per outer row.

    @Override
    public double getEstimatedRowCount(VTIEnvironment env) {
        ScanContext ctx = ScanContext.currentOrNull();
        if (ctx == null || ctx.relations().isEmpty()) {
            return DEFAULT_ROW_COUNT;
        }
        int max = 1;
        for (Relation r : ctx.relations().values()) {
            max = Math.max(max, r.rows().size());
        }
        return max;
    }

    /** Reading a row from memory costs about what Derby charges for a row of a cached table. */
    @Override
    public double getEstimatedCostPerInstantiation(VTIEnvironment env) {
        return 1 + getEstimatedRowCount(env);
    }

    @Override
    public boolean supportsMultipleInstantiations(VTIEnvironment env) {
        return true;
    }
}
