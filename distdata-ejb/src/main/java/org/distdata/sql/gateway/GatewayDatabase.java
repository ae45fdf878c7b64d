package org.distdata.sql.gateway;

import org.distdata.catalog.Catalog;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.partition.HashPartitioner;
import org.distdata.partition.PartitionWork;
import org.distdata.partition.StatementTimeout;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.JdbcValues;
import org.distdata.relation.Relation;
import org.distdata.relation.RelationColumn;
import org.distdata.relation.SqlResult;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Collectors;

/**
 * The gateway's in-memory Derby database: every DistData table appears in it as a view over
 * a {@link PartitionScan} table function, and every DistData view as the same view. A query
 * that cannot run whole on one partition runs here, unchanged, so its semantics are exactly
 * Derby's; only the scans reach out to the partitions, with projections, filters and
 * partition pruning pushed down to them.
 *
 * <p>The final stage of a distributed plan runs here too ({@link #queryOver}): rows the engine
 * gathered and joined are read back through {@link RelationScan} table functions, one per
 * column signature, next to the table views.
 */
public final class GatewayDatabase implements AutoCloseable {
    private final String url;
    private final Catalog catalog;
    private final HashPartitioner partitioner;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    /** Relation table functions by column signature (the RETURNS TABLE column list). */
    private final Map<String, String> relationFunctions = new ConcurrentHashMap<>();
    private final Object relationFunctionLock = new Object();
    /** What this database defines now: each table's column signature, each view's definition. */
    private final Map<String, String> definedTables = new ConcurrentHashMap<>();
    private final Map<String, String> definedViews = new ConcurrentHashMap<>();
    private volatile long syncedVersion;

    public GatewayDatabase(Catalog catalog, HashPartitioner partitioner) {
        this.url = "jdbc:derby:memory:distdata-gateway-" + UUID.randomUUID();
        this.catalog = catalog;
        this.partitioner = partitioner;
        try (Connection c = DriverManager.getConnection(url + ";create=true")) {
            for (TableDef t : catalog.allTables()) {
                defineTable(c, t);
            }
            createViews(c, catalog.allViews().values());
            definedViews.putAll(catalog.allViews());
            syncedVersion = catalog.version();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the gateway database: " + e.getMessage(), e);
        }
    }

    /** Creates views in whatever order their dependencies allow (a view may read another view). */
    private static void createViews(Connection c, java.util.Collection<String> definitions) throws SQLException {
        List<String> pending = new ArrayList<>(definitions);
        while (!pending.isEmpty()) {
            SQLException last = null;
            List<String> failed = new ArrayList<>();
            for (String sql : pending) {
                try {
                    execute(c, sql);
                } catch (SQLException e) {
                    last = e;
                    failed.add(sql);
                }
            }
            if (failed.size() == pending.size()) {
                throw last;
            }
            pending = failed;
        }
    }

    public void defineTable(TableDef table) throws SQLException {
        withConnection(c -> defineTable(c, table));
    }

    public void dropTable(String name) throws SQLException {
        withConnection(c -> dropTable(c, name));
    }

    private void dropTable(Connection c, String name) throws SQLException {
        execute(c, "DROP VIEW " + SqlNames.quote(name));
        execute(c, "DROP FUNCTION " + functionName(name));
        definedTables.remove(name);
    }

    /**
     * Whether the catalog changed in a way this database does not reflect yet: a table or
     * view created, changed or dropped through another node (this node's own DDL keeps the
     * two in step as it goes). Cheap: a version comparison first.
     */
    public boolean behindCatalog() {
        long v = catalog.version();
        if (v == syncedVersion) {
            return false;
        }
        if (catalog.allTables().stream().allMatch(t -> signature(t).equals(definedTables.get(t.name())))
                && catalog.allTables().size() == definedTables.size()
                && catalog.allViews().equals(definedViews)) {
            syncedVersion = v;
            return false;
        }
        return true;
    }

    /**
     * Brings the table and view definitions in line with the catalog. The caller must hold
     * the engine's schema lock exclusively, so no query runs here meanwhile.
     */
    public void syncWithCatalog() throws SQLException {
        long version = catalog.version();
        withConnection(c -> {
            dropViews(c, List.copyOf(definedViews.keySet()));
            for (String table : List.copyOf(definedTables.keySet())) {
                dropTable(c, table);
            }
            for (TableDef t : catalog.allTables()) {
                defineTable(c, t);
            }
            createViews(c, catalog.allViews().values());
            definedViews.putAll(catalog.allViews());
        });
        syncedVersion = version;
    }

    /** Drops views in whatever order their dependencies allow. */
    private void dropViews(Connection c, List<String> names) throws SQLException {
        List<String> pending = new ArrayList<>(names);
        while (!pending.isEmpty()) {
            SQLException last = null;
            List<String> failed = new ArrayList<>();
            for (String name : pending) {
                try {
                    execute(c, "DROP VIEW " + SqlNames.quote(name));
                    definedViews.remove(name);
                } catch (SQLException e) {
                    last = e;
                    failed.add(name);
                }
            }
            if (failed.size() == pending.size()) {
                throw last;
            }
            pending = failed;
        }
    }

    /** Re-creates a table's view after its columns changed. */
    public void redefineTable(TableDef table) throws SQLException {
        dropTable(table.name());
        defineTable(table);
    }

    /** Creates a view exactly as the client wrote it; Derby validates it against the table views. */
    public void createView(String name, String createViewSql) throws SQLException {
        withConnection(c -> execute(c, createViewSql));
        definedViews.put(name, createViewSql);
    }

    public void dropView(String name) throws SQLException {
        withConnection(c -> execute(c, "DROP VIEW " + SqlNames.quote(name)));
        definedViews.remove(name);
    }

    /** Checks that {@code sql} compiles here, without running it; throws Derby's error if not. */
    public void compile(String sql) throws SQLException {
        withConnection(c -> c.prepareStatement(sql).close());
    }

    /** Runs a query here; table scans go through {@code work}. */
    public SqlResult query(String sql, List<Object> params, PartitionWork work) throws SQLException {
        return run(sql, params, new ScanContext(work, catalog, partitioner, partitioner.partitions()));
    }

    /**
     * The quoted name of a table function that reads a gathered relation with these columns:
     * {@code TABLE(<name>('<key>')) AS R} in a {@link #queryOver} statement reads the relation
     * passed under {@code key}. Column names are quoted, so they keep their case. Created on
     * first use, then shared by every relation with the same names and types.
     */
    public String relationFunction(List<RelationColumn> columns) throws SQLException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a relation function needs at least one column");
        }
        String signature = columns.stream()
                .map(col -> SqlNames.quote(col.name()) + " " + col.ddlType())
                .collect(Collectors.joining(", "));
        String name = relationFunctions.get(signature);
        if (name != null) {
            return name;
        }
        synchronized (relationFunctionLock) {
            name = relationFunctions.get(signature);
            if (name == null) {
                String created = SqlNames.quote("DDREL_" + relationFunctions.size());
                withConnection(c -> execute(c, "CREATE FUNCTION " + created
                        + "(RELATION_KEY VARCHAR(128)) RETURNS TABLE (" + signature + ") LANGUAGE JAVA "
                        + "PARAMETER STYLE DERBY_JDBC_RESULT_SET NO SQL "
                        + "EXTERNAL NAME '" + RelationScan.class.getName() + ".scan'"));
                relationFunctions.put(signature, created);
                name = created;
            }
        }
        return name;
    }

    /**
     * Runs {@code sql} over gathered relations: each {@code TABLE(<function>('<key>'))} in it
     * reads {@code relations.get(key)} (see {@link #relationFunction}). Table views still read
     * the partitions, through {@code work}.
     */
    public SqlResult queryOver(String sql, List<Object> params, PartitionWork work, Map<String, Relation> relations)
            throws SQLException {
        return run(sql, params, new ScanContext(work, catalog, partitioner, partitioner.partitions(), relations));
    }

    /** Runs a statement that produces rows or an update count, returning either. */
    private SqlResult run(String sql, List<Object> params, ScanContext ctx) throws SQLException {
        Connection c = borrow();
        ctx.enter();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            StatementTimeout.apply(ps);
            JdbcValues.bindAll(ps, params);
            if (!ps.execute()) {
                return SqlResult.update(ps.getUpdateCount(), 0);
            }
            try (ResultSet rs = ps.getResultSet()) {
                List<ColumnInfo> columns = JdbcValues.columns(rs.getMetaData());
                int[] types = JdbcValues.types(rs.getMetaData());
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(types.length);
                    for (int i = 0; i < types.length; i++) {
                        row.add(JdbcValues.read(rs, i + 1, types[i]));
                    }
                    rows.add(row);
                }
                return new SqlResult(columns, rows, null, 0);
            }
        } finally {
            ScanContext.exit();
            release(c);
        }
    }

    private void defineTable(Connection c, TableDef t) throws SQLException {
        String columns = t.columns().stream()
                .map(col -> SqlNames.quote(col.name()) + " " + col.ddlType())
                .collect(Collectors.joining(", "));
        execute(c, "CREATE FUNCTION " + functionName(t.name()) + "(TABLE_NAME VARCHAR(128)) RETURNS TABLE ("
                + columns + ") LANGUAGE JAVA PARAMETER STYLE DERBY_JDBC_RESULT_SET READS SQL DATA "
                + "EXTERNAL NAME '" + PartitionScan.class.getName() + ".scan'");
        String literalName = "'" + t.name().replace("'", "''") + "'";
        execute(c, "CREATE VIEW " + SqlNames.quote(t.name()) + " AS SELECT * FROM TABLE("
                + functionName(t.name()) + "(" + literalName + ")) AS S");
        definedTables.put(t.name(), signature(t));
    }

    private static String signature(TableDef t) {
        return t.columns().stream().map(col -> col.name() + " " + col.ddlType()).collect(Collectors.joining(", "));
    }

    private static String functionName(String table) {
        return SqlNames.quote("DDSCAN_" + table);
    }

    private interface ConnectionWork {
        void run(Connection c) throws SQLException;
    }

    private void withConnection(ConnectionWork work) throws SQLException {
        Connection c = borrow();
        try {
            work.run(c);
        } finally {
            release(c);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection borrow() throws SQLException {
        Connection c = idle.pollFirst();
        return c != null ? c : DriverManager.getConnection(url);
    }

    private void release(Connection c) {
        idle.offerFirst(c);
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // dropping the database anyway
            }
        }
        try {
            DriverManager.getConnection(url + ";drop=true");
        } catch (SQLException expected) {
            // 08006: dropped
        }
    }
}
