package org.distdata.sql.gateway;

import org.apache.derby.vti.VTICosting;
import org.apache.derby.vti.VTIEnvironment;
import org.distdata.partition.StatementTimeout;
import org.distdata.relation.Relation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;

/**
 * A Derby table function over a {@link Relation} gathered at the gateway, so that the final
 * stage of a distributed plan (aggregates, sorts, residual predicates, expressions) runs as
 * ordinary Derby SQL over rows the engine already holds. The statement names each relation
 * by a key; the rows travel in the statement's {@link ScanContext}. The rows are in memory,
 * so Derby may re-open the scan as often as it likes.
 */
public final class RelationScan extends NeutralValueResultSet implements VTICosting {
    /** Row count assumed when the statement's relations are not known at compile time. */
    private static final double DEFAULT_ROW_COUNT = 10_000;

    private final Iterator<Object[]> rows;
    private Object[] current;
    private long position;
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

    @Override
    protected Object columnValue(int column) {
        return current[column - 1];
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
