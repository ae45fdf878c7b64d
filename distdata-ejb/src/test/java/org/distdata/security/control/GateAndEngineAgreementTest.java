package org.distdata.security.control;

import org.distdata.catalog.Catalog;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.meta.MetaGroup;
import org.distdata.meta.MetadataDatabase;
import org.distdata.partition.LocalPartitionExecutor;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TableShape;
import org.distdata.partition.WriteTransaction;
import org.distdata.sql.DistributedSqlEngine;
import org.distdata.sql.SqlStatement;
import org.distdata.storage.PartitionSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security gate and the engine read statements alike: for every statement of the
 * classification corpus ({@code statements.csv}), run on a real engine whose partition
 * access is recorded, the gate lets a reader run it exactly when the engine runs it without
 * writing — a statement the gate calls a read never opens a write transaction, changes the
 * schema or the statistics, and a statement the engine completes without writing any of
 * them is one a reader may run. Text that is no statement is refused by both, with
 * SQL_SYNTAX, before anything runs.
 */
class GateAndEngineAgreementTest {
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE t (a INT PRIMARY KEY, b INT)",
            "CREATE INDEX t_b ON t (b)",
            "CREATE TABLE u (a INT PRIMARY KEY, b INT) DISTRIBUTE BY HASH (a)",
            "CREATE TABLE s (a INT PRIMARY KEY, b INT)",
            "CREATE TABLE k (c CHAR(2) PRIMARY KEY) REFERENCE",
            "CREATE TABLE \"My Table\" (a INT PRIMARY KEY)",
            "CREATE VIEW v AS SELECT a, b FROM t");
    private static final List<String> ROWS = List.of(
            "DELETE FROM t", "DELETE FROM u", "DELETE FROM s", "DELETE FROM k", "DELETE FROM \"My Table\"",
            "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)",
            "INSERT INTO u VALUES (1, 1), (2, 2)",
            "INSERT INTO k VALUES ('DE')",
            "INSERT INTO \"My Table\" VALUES (1)");

    @TempDir
    static Path dir;
    private static MetadataDatabase metadata;
    private static MetaGroup meta;
    private static PartitionSet partitions;
    private static RecordingExecutor recorder;
    private static DistributedSqlEngine engine;

    @BeforeAll
    static void open() {
        metadata = MetadataDatabase.open(dir.resolve("meta"));
        meta = MetaGroup.local(metadata);
        partitions = PartitionSet.open(dir.resolve("partitions"), 2);
        recorder = new RecordingExecutor(new LocalPartitionExecutor(partitions));
        engine = new DistributedSqlEngine(Catalog.load(meta, recorder), recorder);
    }

    @AfterAll
    static void close() {
        engine.close();
        partitions.close();
        meta.stateMachine().close();
        metadata.close();
    }

    @Test
    void theGateLetsAReaderRunExactlyWhatTheEngineRunsWithoutWriting() throws IOException {
        List<String> checked = new ArrayList<>();
        freshSchema();
        for (String sql : corpus()) {
            StatementKind gate;
            try {
                gate = StatementKind.of(sql);
            } catch (DistDataException refused) {
                assertThat(refused.code()).as(sql).isEqualTo(ErrorCode.SQL_SYNTAX);
                Outcome engineRun = run(sql);
                assertThat(engineRun.error()).as("the engine refuses what the gate cannot read: " + sql)
                        .isNotNull().extracting(DistDataException::code).isEqualTo(ErrorCode.SQL_SYNTAX);
                assertThat(engineRun.wrote()).as(sql).isFalse();
                checked.add(sql);
                continue;
            }
            Outcome engineRun = run(sql);
            if (gate == StatementKind.READ) {
                assertThat(engineRun.wrote()).as("a reader's statement wrote: " + sql).isFalse();
            } else if (engineRun.error() == null) {
                assertThat(engineRun.wrote()).as("the engine ran this " + gate + " statement as a read: " + sql)
                        .isTrue();
            }
            checked.add(sql);
            if (engineRun.schemaChanged()) {
                freshSchema();
            } else if (engineRun.wrote()) {
                freshRows();
            }
        }
        assertThat(checked).hasSizeGreaterThan(60);
    }

    /**
     * What running one statement came to: its error (null when it ran), whether it wrote
     * anything, and whether what it wrote was the schema or the statistics.
     */
    private record Outcome(DistDataException error, boolean wrote, boolean schemaChanged) {
    }

    private static Outcome run(String sql) {
        int begunBefore = recorder.writeTransactions.get();
        long versionBefore = engine.catalog().version();
        Map<String, Optional<Instant>> analyzedBefore = analyzedAt();
        DistDataException error = null;
        try {
            engine.execute(SqlStatement.of(sql));
        } catch (DistDataException e) {
            error = e;
        }
        boolean schemaChanged = engine.catalog().version() != versionBefore || !analyzedAt().equals(analyzedBefore);
        return new Outcome(error, schemaChanged || recorder.writeTransactions.get() != begunBefore, schemaChanged);
    }

    private static Map<String, Optional<Instant>> analyzedAt() {
        return engine.catalog().allTables().stream().collect(Collectors.toMap(
                table -> table.name(), table -> engine.statistics().analyzedAt(table.name())));
    }

    /** Drops whatever the previous statement changed and builds the schema and rows anew. */
    private static void freshSchema() {
        for (String view : List.copyOf(engine.catalog().allViews().keySet())) {
            engine.execute(SqlStatement.of("DROP VIEW \"" + view + "\""));
        }
        for (var table : List.copyOf(engine.catalog().allTables())) {
            engine.execute(SqlStatement.of("DROP TABLE \"" + table.name() + "\""));
        }
        SCHEMA.forEach(ddl -> engine.execute(SqlStatement.of(ddl)));
        freshRows();
    }

    private static void freshRows() {
        ROWS.forEach(dml -> engine.execute(SqlStatement.of(dml)));
    }

    private static List<String> corpus() throws IOException {
        try (InputStream in = GateAndEngineAgreementTest.class.getResourceAsStream(
                "/org/distdata/sql/classify/statements.csv")) {
            assertThat(in).as("statements.csv").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.substring(0, line.indexOf('|')).strip()
                            .replace("\\n", "\n").replace("\\t", "\t"))
                    .toList();
        }
    }

    /** The local partitions, counting the write transactions the engine begins. */
    private static final class RecordingExecutor implements PartitionExecutor {
        private final PartitionExecutor local;
        final AtomicInteger writeTransactions = new AtomicInteger();

        RecordingExecutor(PartitionExecutor local) {
            this.local = local;
        }

        @Override
        public int partitionCount() {
            return local.partitionCount();
        }

        @Override
        public RowCursor query(int partition, String sql, List<Object> params) throws SQLException {
            return local.query(partition, sql, params);
        }

        @Override
        public Optional<TableShape> describe(int partition, String table) throws SQLException {
            return local.describe(partition, table);
        }

        @Override
        public WriteTransaction begin() {
            writeTransactions.incrementAndGet();
            return local.begin();
        }
    }
}
