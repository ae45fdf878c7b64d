package org.distdata.sql.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.distdata.catalog.Catalog;
import org.distdata.catalog.entity.TableDef;
import org.distdata.catalog.entity.TableKind;
import org.distdata.meta.MetaGroup;
import org.distdata.meta.MetadataDatabase;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.HashPartitioner;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.PartitionWork;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TableShape;
import org.distdata.partition.WriteTransaction;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.JdbcValues;
import org.distdata.relation.Relation;
import org.distdata.relation.RelationColumn;
import org.distdata.relation.SqlResult;
import org.distdata.sql.exec.HashJoin;
import org.distdata.sql.plan.JoinKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's final stage over gathered relations, against a real gateway database: one
 * partition (an in-memory Derby database) holding table T, so that relations and table views
 * meet in one statement.
 */
class GatewayRelationTest {
    private static final List<RelationColumn> SALES = List.of(new RelationColumn("C0", "INTEGER"),
            new RelationColumn("C1", "DECIMAL(31,2)"), new RelationColumn("C2", "VARCHAR(32672)"),
            new RelationColumn("C3", "DATE"));

    @TempDir
    static Path dir;
    private static MetadataDatabase metadata;
    private static Connection partition;
    private static PartitionWork work;
    private static GatewayDatabase gateway;

    @BeforeAll
    static void openGateway() throws SQLException {
        partition = DriverManager.getConnection("jdbc:derby:memory:relation-test-" + UUID.randomUUID() + ";create=true");
        try (Statement s = partition.createStatement()) {
            s.execute("CREATE TABLE T (ID INTEGER PRIMARY KEY, NAME VARCHAR(20))");
            s.execute("INSERT INTO T VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }
        work = new OnePartition();
        metadata = MetadataDatabase.open(dir.resolve("meta"));
        OnePartitionCatalogSource source = new OnePartitionCatalogSource();
        Catalog catalog = Catalog.load(MetaGroup.local(metadata), source);
        catalog.register(TableDef.of("T", TableKind.DISTRIBUTED, source.describe(0, "T").orElseThrow(), "ID", false));
        gateway = new GatewayDatabase(catalog, new HashPartitioner(1));
    }

    @AfterAll
    static void close() throws SQLException {
        gateway.close();
        metadata.close();
        partition.close();
    }

    @Test
    void aggregatesAGatheredRelationReturningTheColumnsJavaTypes() throws SQLException {
        Relation sales = new Relation(SALES, List.of(
                new Object[] {2, new BigDecimal("1.50"), "b", LocalDate.of(2024, 1, 2)},
                new Object[] {1, new BigDecimal("2.25"), "a", LocalDate.of(2024, 1, 1)},
                new Object[] {2, new BigDecimal("3.00"), null, LocalDate.of(2023, 12, 31)},
                new Object[] {null, new BigDecimal("7"), "z", null},
                new Object[] {1, null, "c", LocalDate.of(2024, 3, 1)}));
        String fn = gateway.relationFunction(SALES);

        SqlResult r = gateway.queryOver("SELECT C0, SUM(C1) AS TOTAL, MAX(C2) AS TOP_NAME, MIN(C3) AS FIRST_DAY FROM TABLE("
                + fn + "('a')) AS R GROUP BY C0 ORDER BY C0", List.of(), work, Map.of("a", sales));

        assertThat(r.columns()).extracting(ColumnInfo::name).containsExactly("C0", "TOTAL", "TOP_NAME", "FIRST_DAY");
        assertThat(r.rows()).containsExactly(
                Arrays.asList(1, new BigDecimal("2.25"), "c", LocalDate.of(2024, 1, 1)),
                Arrays.asList(2, new BigDecimal("4.50"), "b", LocalDate.of(2023, 12, 31)),
                Arrays.asList(null, new BigDecimal("7.00"), "z", null));
    }

    @Test
    void bindsParametersAndReadsEveryColumnType() throws SQLException {
        List<RelationColumn> columns = List.of(new RelationColumn("I", "INTEGER"), new RelationColumn("B", "BIGINT"),
                new RelationColumn("S", "SMALLINT"), new RelationColumn("D", "DOUBLE"), new RelationColumn("F", "REAL"),
                new RelationColumn("BOOL", "BOOLEAN"), new RelationColumn("T", "TIME"),
                new RelationColumn("TS", "TIMESTAMP"), new RelationColumn("BITS", "VARCHAR(8) FOR BIT DATA"),
                new RelationColumn("CH", "CHAR(3)"));
        Object[] row = {7, 8L, (short) 9, 1.5, 2.5f, true, java.time.LocalTime.of(10, 11, 12),
                java.time.LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000), new byte[] {1, 2}, "x"};
        Object[] nulls = new Object[row.length];

        SqlResult r = gateway.queryOver("SELECT * FROM TABLE(" + gateway.relationFunction(columns)
                + "('r')) AS R WHERE I = ? OR I IS NULL ORDER BY I", List.of(7), work,
                Map.of("r", new Relation(columns, List.of(row, nulls))));

        assertThat(r.rows()).hasSize(2);
        List<Object> values = r.rows().get(0);
        assertThat(values.subList(0, 8)).containsExactly(7, 8L, 9, 1.5, 2.5f, true, java.time.LocalTime.of(10, 11, 12),
                java.time.LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000));
        assertThat((byte[]) values.get(8)).containsExactly(1, 2);
        assertThat(values.get(9)).isEqualTo("x  ");
        assertThat(r.rows().get(1)).containsOnlyNulls();
    }

    @Test
    void relationsWithOneSignatureShareOneFunctionAndDifferentNamesMakeAnother() throws SQLException {
        List<RelationColumn> a = List.of(new RelationColumn("X", "INTEGER"), new RelationColumn("Y", "VARCHAR(5)"));
        List<RelationColumn> sameAgain = List.of(new RelationColumn("X", "INTEGER"), new RelationColumn("Y", "VARCHAR(5)"));
        List<RelationColumn> renamed = List.of(new RelationColumn("X", "INTEGER"), new RelationColumn("Z", "VARCHAR(5)"));

        String fa = gateway.relationFunction(a);

        assertThat(gateway.relationFunction(sameAgain)).isEqualTo(fa);
        assertThat(gateway.relationFunction(renamed)).isNotEqualTo(fa);
        assertThat(functionsNamed(fa)).isEqualTo(1);
    }

    @Test
    void concurrentCallersOfOneSignatureGetOneFunction() throws Exception {
        List<RelationColumn> columns = List.of(new RelationColumn("CONCURRENT", "BIGINT"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> gateway.relationFunction(columns));
            }
            Set<String> names = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                names.add(f.get());
            }
            assertThat(names).hasSize(1);
            assertThat(functionsNamed(names.iterator().next())).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anEmptyRelationReadsAsNoRows() throws SQLException {
        String fn = gateway.relationFunction(SALES);
        Map<String, Relation> empty = Map.of("e", new Relation(SALES, List.of()));

        assertThat(gateway.queryOver("SELECT * FROM TABLE(" + fn + "('e')) AS R", List.of(), work, empty).rows())
                .isEmpty();
        assertThat(gateway.queryOver("SELECT COUNT(*), SUM(C1) FROM TABLE(" + fn + "('e')) AS R", List.of(), work, empty)
                .rows()).containsExactly(Arrays.asList(0, null));
    }

    @Test
    void aRelationJoinsATableViewInOneStatement() throws SQLException {
        List<RelationColumn> columns = List.of(new RelationColumn("ID", "INTEGER"), new RelationColumn("QTY", "INTEGER"));
        Relation counts = new Relation(columns, List.of(new Object[] {1, 10}, new Object[] {3, 30}, new Object[] {4, 40},
                new Object[] {1, 11}));

        SqlResult r = gateway.queryOver("SELECT T.NAME, SUM(R.QTY) FROM TABLE(" + gateway.relationFunction(columns)
                + "('c')) AS R JOIN T ON T.ID = R.ID GROUP BY T.NAME ORDER BY T.NAME", List.of(), work, Map.of("c", counts));

        assertThat(r.rows()).containsExactly(List.of("one", 21), List.of("three", 30));
        // The ordinary query path still works beside it.
        assertThat(gateway.query("SELECT COUNT(*) FROM T", List.of(), work).rows()).containsExactly(List.of(3));
    }

    @Test
    void twoRelationsOfOneSignatureAreReadByTheirKeys() throws SQLException {
        List<RelationColumn> columns = List.of(new RelationColumn("K", "INTEGER"), new RelationColumn("V", "VARCHAR(5)"));
        String fn = gateway.relationFunction(columns);
        Relation left = new Relation(columns, List.of(new Object[] {1, "l1"}, new Object[] {2, "l2"}));
        Relation right = new Relation(columns, List.of(new Object[] {2, "r2"}, new Object[] {3, "r3"}));

        SqlResult r = gateway.queryOver("SELECT L.V, R.V FROM TABLE(" + fn + "('left')) AS L JOIN TABLE(" + fn
                + "('right')) AS R ON L.K = R.K", List.of(), work, Map.of("left", left, "right", right));

        assertThat(r.rows()).containsExactly(List.of("l2", "r2"));
    }

    @Test
    void derbyJoinsMixedTypeKeysAsHashJoinDoes() throws SQLException {
        // Integer against DECIMAL, DOUBLE against DECIMAL, and VARCHAR with trailing blanks: Derby is the oracle.
        List<RelationColumn> leftColumns = List.of(new RelationColumn("LI", "INTEGER"),
                new RelationColumn("LD", "DOUBLE"), new RelationColumn("LS", "VARCHAR(10)"));
        List<RelationColumn> rightColumns = List.of(new RelationColumn("RD", "DECIMAL(10,2)"),
                new RelationColumn("RS", "VARCHAR(10)"));
        List<Object[]> leftRows = new ArrayList<>();
        List<Object[]> rightRows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            leftRows.add(new Object[] {i % 7, (i % 9) / 10.0, "s" + (i % 5) + " ".repeat(i % 3)});
            rightRows.add(new Object[] {new BigDecimal(i % 11).movePointLeft(i % 2), "s" + (i % 4) + " ".repeat(i % 2)});
        }
        leftRows.add(new Object[] {null, null, null});
        rightRows.add(new Object[] {null, null});
        Relation left = new Relation(leftColumns, leftRows);
        Relation right = new Relation(rightColumns, rightRows);
        Map<String, Relation> both = Map.of("l", left, "r", right);
        String from = " FROM TABLE(" + gateway.relationFunction(leftColumns) + "('l')) AS L JOIN TABLE("
                + gateway.relationFunction(rightColumns) + "('r')) AS R ON ";

        int[][][] joins = {{{0}, {0}}, {{1}, {0}}, {{2}, {1}}, {{0, 2}, {0, 1}}};
        String[] conditions = {"L.LI = R.RD", "L.LD = R.RD", "L.LS = R.RS", "L.LI = R.RD AND L.LS = R.RS"};
        for (int j = 0; j < joins.length; j++) {
            SqlResult derby = gateway.queryOver("SELECT COUNT(*)" + from + conditions[j], List.of(), work, both);
            int ours = HashJoin.join(left, right, joins[j][0], joins[j][1], JoinKind.INNER).rows().size();
            assertThat(ours).as(conditions[j]).isEqualTo(derby.rows().get(0).get(0)).isPositive();
        }
    }

    @Test
    void anUnknownRelationKeyFailsTheStatement() throws SQLException {
        String fn = gateway.relationFunction(SALES);

        assertThatThrownBy(() -> gateway.queryOver("SELECT * FROM TABLE(" + fn + "('missing')) AS R", List.of(), work,
                Map.of())).isInstanceOf(SQLException.class).hasStackTraceContaining("missing");
    }

    private long functionsNamed(String quotedName) throws SQLException {
        String name = quotedName.substring(1, quotedName.length() - 1);
        Object n = gateway.query("SELECT COUNT(*) FROM SYS.SYSALIASES WHERE ALIAS = ?", List.of(name), work)
                .rows().get(0).get(0);
        return ((Number) n).longValue();
    }

    /** Reads of the one partition, straight from its Derby database. */
    private static final class OnePartition implements PartitionWork {
        @Override
        public RowCursor query(int p, String sql, List<Object> params) throws SQLException {
            PreparedStatement ps = partition.prepareStatement(sql);
            JdbcValues.bindAll(ps, params);
            return new Cursor(ps, ps.executeQuery());
        }

        @Override
        public long update(int p, String sql, List<Object> params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long updateBatch(int p, String sql, List<List<Object>> rows) {
            throw new UnsupportedOperationException();
        }
    }

    /** What the catalog needs from the partitions: table T's shape. */
    private static final class OnePartitionCatalogSource implements PartitionExecutor {
        @Override
        public int partitionCount() {
            return 1;
        }

        @Override
        public RowCursor query(int p, String sql, List<Object> params) throws SQLException {
            return work.query(p, sql, params);
        }

        @Override
        public Optional<TableShape> describe(int p, String table) {
            return Optional.of(new TableShape(List.of(new ColumnDef("ID", Types.INTEGER, "INTEGER", 10, 0, false),
                    new ColumnDef("NAME", Types.VARCHAR, "VARCHAR", 20, 0, true)), List.of("ID"), List.of(), List.of()));
        }

        @Override
        public WriteTransaction begin() {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Cursor implements RowCursor {
        private final PreparedStatement ps;
        private final ResultSet rs;
        private final List<ColumnInfo> columns;
        private final int[] types;

        Cursor(PreparedStatement ps, ResultSet rs) throws SQLException {
            this.ps = ps;
            this.rs = rs;
            this.columns = JdbcValues.columns(rs.getMetaData());
            this.types = JdbcValues.types(rs.getMetaData());
        }

        @Override
        public List<ColumnInfo> columns() {
            return columns;
        }

        @Override
        public boolean next() throws SQLException {
            return rs.next();
        }

        @Override
        public Object get(int index) throws SQLException {
            return JdbcValues.read(rs, index + 1, types[index]);
        }

        @Override
        public void close() {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // test cursor
            }
        }
    }
}
