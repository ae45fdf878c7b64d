package org.distdata.partition;

import org.distdata.relation.JdbcValues;
import org.distdata.storage.CrossPartitionTransaction;
import org.distdata.storage.PartitionSession;
import org.distdata.storage.PartitionSet;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Runs fragments on this node's own Derby partition stores. */
public final class LocalPartitionExecutor implements PartitionExecutor {
    /** Tables live in Derby's default schema of an embedded connection without a user. */
    private static final String SCHEMA = "APP";

    private final PartitionSet partitions;

    public LocalPartitionExecutor(PartitionSet partitions) {
        this.partitions = partitions;
    }

    @Override
    public int partitionCount() {
        return partitions.size();
    }

    @Override
    public RowCursor query(int partition, String sql, List<Object> params) throws SQLException {
        PartitionSession session = partitions.store(partition).borrow();
        try {
            PreparedStatement ps = session.prepare(sql);
            StatementTimeout.apply(ps);
            JdbcValues.bindAll(ps, params);
            ResultSet rs = ps.executeQuery();
            return new JdbcRowCursor(rs, session::release);
        } catch (SQLException | RuntimeException e) {
            session.release();
            throw e;
        }
    }

    @Override
    public Optional<TableShape> describe(int partition, String table) throws SQLException {
        PartitionSession session = partitions.store(partition).borrow();
        try {
            DatabaseMetaData md = session.connection().getMetaData();
            List<ColumnDef> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(null, SCHEMA, table, null)) {
                while (rs.next()) {
                    columns.add(new ColumnDef(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
                            rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
                            rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            TreeMap<Short, String> pk = new TreeMap<>();
            try (ResultSet rs = md.getPrimaryKeys(null, SCHEMA, table)) {
                while (rs.next()) {
                    pk.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            Set<String> indexes = new LinkedHashSet<>();
            Map<String, TreeMap<Short, String>> unique = new LinkedHashMap<>();
            try (ResultSet rs = md.getIndexInfo(null, SCHEMA, table, false, true)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name == null) {
                        continue;
                    }
                    if (!name.startsWith("SQL")) { // SQL... names back constraints
                        indexes.add(name);
                    }
                    if (!rs.getBoolean("NON_UNIQUE")) {
                        unique.computeIfAbsent(name, n -> new TreeMap<>())
                                .put(rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"));
                    }
                }
            }
            List<TableShape.UniqueKey> uniqueKeys = new ArrayList<>();
            unique.forEach((name, cols) -> uniqueKeys.add(new TableShape.UniqueKey(name, List.copyOf(cols.values()))));
            return Optional.of(new TableShape(columns, List.copyOf(pk.values()), List.copyOf(indexes),
                    List.copyOf(uniqueKeys)));
        } finally {
            session.release();
        }
    }

    @Override
    public WriteTransaction begin() {
        return new LocalWriteTransaction(partitions.begin(), partitions);
    }

    /** A write transaction over local partitions, atomic through {@link CrossPartitionTransaction}. */
    private static final class LocalWriteTransaction implements WriteTransaction {
        private final CrossPartitionTransaction tx;
        private final PartitionSet partitions;
        private boolean ddl;

        LocalWriteTransaction(CrossPartitionTransaction tx, PartitionSet partitions) {
            this.tx = tx;
            this.partitions = partitions;
        }

        @Override
        public RowCursor query(int partition, String sql, List<Object> params) throws SQLException {
            // Not the session's cached statement: one query may scan a partition twice at once
            // (a self-join), and re-executing a statement would close its open result set.
            PreparedStatement ps = tx.session(partition).connection().prepareStatement(sql);
            try {
                StatementTimeout.apply(ps);
                JdbcValues.bindAll(ps, params);
                return new JdbcRowCursor(ps.executeQuery(), () -> closeQuietly(ps));
            } catch (SQLException | RuntimeException e) {
                closeQuietly(ps);
                throw e;
            }
        }

        @Override
        public long update(int partition, String sql, List<Object> params) throws SQLException {
            PartitionSession s = tx.session(partition);
            if (params.isEmpty() && isDdl(sql)) {
                ddl = true;
                try (var st = s.connection().createStatement()) {
                    StatementTimeout.apply(st);
                    st.execute(sql);
                    return Math.max(0, st.getUpdateCount());
                }
            }
            PreparedStatement ps = s.prepare(sql);
            StatementTimeout.apply(ps);
            JdbcValues.bindAll(ps, params);
            return ps.executeUpdate();
        }

        @Override
        public long updateBatch(int partition, String sql, List<List<Object>> rows) throws SQLException {
            PreparedStatement ps = tx.session(partition).prepare(sql);
            StatementTimeout.apply(ps);
            for (List<Object> row : rows) {
                JdbcValues.bindAll(ps, row);
                ps.addBatch();
            }
            long total = 0;
            for (int c : ps.executeBatch()) {
                total += Math.max(c, 0);
            }
            return total;
        }

        @Override
        public void commit() throws SQLException {
            tx.commit();
            if (ddl) {
                partitions.schemaChanged();
            }
        }

        @Override
        public void rollback() {
            tx.rollback();
        }

        private static void closeQuietly(PreparedStatement ps) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the transaction ends it anyway
            }
        }

        private static boolean isDdl(String sql) {
            String head = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
            return head.startsWith("CREATE") || head.startsWith("DROP") || head.startsWith("ALTER");
        }
    }
}
