package org.distdata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.distdata.catalog.entity.StoredStatistics;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.SqlResult;
import org.distdata.sql.stats.ColumnStatistics;
import org.distdata.sql.stats.StatisticsStore;
import org.distdata.sql.stats.TableStatistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ANALYZE statistics kept across restarts, and their staleness by counted modifications. */
class StatisticsStoreTest {

    @TempDir
    Path dir;

    private EngineFixture db;

    @BeforeEach
    void open() {
        db = new EngineFixture(dir, 4);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void restart() {
        db.close();
        db = new EngineFixture(dir, 4);
    }

    private DistributedSqlEngine engine() {
        return (DistributedSqlEngine) db.node.sql();
    }

    private StatisticsStore store() {
        return engine().statistics();
    }

    @Test
    void statisticsOfEveryColumnTypeSurviveARestartOfTheNode() {
        db.sql("CREATE TABLE typed (id INT PRIMARY KEY, big BIGINT, small SMALLINT, price DECIMAL(10,2), "
                + "ratio DOUBLE, weight REAL, name VARCHAR(20), born DATE, alarm TIME, seen TIMESTAMP, ok BOOLEAN)");
        for (int i = 1; i <= 30; i++) {
            db.sql("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", i, 10_000_000_000L + i, i % 7,
                    new BigDecimal(i + ".50"), i / 3.0, i * 0.25f, i % 5 == 0 ? null : "name " + i,
                    LocalDate.of(2000, 1, 1).plusDays(i), LocalTime.of(i % 24, i),
                    LocalDateTime.of(2024, 2, 29, 12, i, i), i % 2 == 0);
        }
        db.sql("ANALYZE typed");
        TableStatistics before = store().statistics("TYPED");
        var analyzedAt = store().analyzedAt("TYPED").orElseThrow();

        restart();

        TableStatistics after = store().statistics("TYPED");
        assertThat(after).as("statistics after restart").isNotNull();
        assertThat(after.rows()).isEqualTo(30);
        assertThat(after.rowsPerPartition()).containsExactly(before.rowsPerPartition());
        assertThat(after.columns()).isEqualTo(before.columns()).hasSize(11);
        after.columns().forEach((column, c) -> {
            ColumnStatistics was = before.columns().get(column);
            assertThat(c.min()).as(column + " min").hasSameClassAs(was.min());
            assertThat(c.max()).as(column + " max").hasSameClassAs(was.max());
        });
        assertThat(after.columns().get("PRICE").min()).isEqualTo(new BigDecimal("1.50"));
        assertThat(after.columns().get("SEEN").max()).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 30, 30));
        assertThat(after.columns().get("NAME").nulls()).isEqualTo(6);
        assertThat(store().analyzedAt("TYPED")).contains(analyzedAt.truncatedTo(ChronoUnit.MILLIS));
        assertThat(store().isStale("TYPED")).isFalse();
        assertThat(store().estimatedRows("TYPED")).isEqualTo(30);
    }

    @Test
    void aSecondAnalyzeReplacesTheStoredStatistics() {
        db.sql("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        db.sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        db.sql("ANALYZE t");
        db.sql("INSERT INTO t VALUES (3, 'z')");
        db.sql("ANALYZE TABLE t");

        restart();

        TableStatistics stats = store().statistics("T");
        assertThat(stats.rows()).isEqualTo(3);
        assertThat(stats.columns().get("V").max()).isEqualTo("z");
    }

    @Test
    void droppingATableDeletesItsStatisticsAlsoFromTheMetadataDatabase() {
        db.sql("CREATE TABLE t (id INT PRIMARY KEY)");
        db.sql("INSERT INTO t VALUES (1)");
        db.sql("ANALYZE t");
        db.sql("DROP TABLE t");
        assertThat(store().statistics("T")).isNull();
        db.sql("CREATE TABLE t (id INT PRIMARY KEY)"); // same name: old figures must not come back

        restart();

        assertThat(store().statistics("T")).isNull();
        assertThat(store().isStale("T")).isTrue();
        assertThat(store().estimatedRows("T")).isEqualTo(-1);
        assertThat(engine().catalog().storedStatistics()).isEmpty();
    }

    @Test
    void statisticsOfColumnsTheTableNoLongerHasAreIgnored() {
        db.sql("CREATE TABLE t (id INT PRIMARY KEY)");
        engine().catalog().storeStatistics(new StoredStatistics("T", 0, 5, List.of(5L, 0L, 0L, 0L), List.of(
                new StoredStatistics.Column("ID", 5, 0, 5, true, "Integer:1", "Integer:5"),
                new StoredStatistics.Column("GONE", 5, 1, 2, true, "String:a", "String:b"))));
        engine().catalog().storeStatistics(new StoredStatistics("NO_SUCH_TABLE", 0, 1, List.of(1L, 0L, 0L, 0L),
                List.of()));

        restart();

        TableStatistics stats = store().statistics("T");
        assertThat(stats.columns()).containsOnlyKeys("ID");
        assertThat(stats.columns().get("ID").max()).isEqualTo(5);
        assertThat(store().statistics("NO_SUCH_TABLE")).isNull();
    }

    @Test
    void insertUpdateAndDeleteCountTowardsStalenessAndAnalyzeStartsTheCountAgain() {
        db.sql("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        db.sql("INSERT INTO t VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0)");
        db.sql("UPDATE t SET v = 1 WHERE id <= 3");
        db.sql("DELETE FROM t WHERE id > 8");
        assertThat(store().modificationsSinceAnalyze("T")).isEqualTo(10 + 3 + 2);
        assertThat(store().estimatedRows("T")).as("never analyzed").isEqualTo(-1);
        assertThat(store().isStale("T")).as("never analyzed").isTrue();

        db.sql("ANALYZE t");
        assertThat(store().modificationsSinceAnalyze("T")).isZero();
        assertThat(store().estimatedRows("T")).isEqualTo(8);
        assertThat(store().isStale("T")).isFalse();

        db.sql("INSERT INTO t VALUES (11, 0), (12, 0), (13, 0), (14, 0)");
        db.sql("DELETE FROM t WHERE id = 1");
        db.sql("UPDATE t SET v = 2 WHERE id = 2");
        db.sql("UPDATE t SET v = 2 WHERE id = 999"); // changes nothing, counts nothing
        assertThat(store().modificationsSinceAnalyze("T")).isEqualTo(6);
        assertThat(store().estimatedRows("T")).isEqualTo(11);

        db.sql("TRUNCATE TABLE t");
        assertThat(store().estimatedRows("T")).isZero();
        assertThat(store().modificationsSinceAnalyze("T")).isEqualTo(6 + 11);
    }

    @Test
    void aReferenceTableCountsEachChangedRowOnceAndAnAtomicBatchCountsItsStatements() {
        db.sql("CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(40)) REFERENCE");
        db.sql("INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France')");
        db.sql("UPDATE countries SET name = 'Deutschland' WHERE code = 'DE'");
        engine().executeBatch(List.of(new SqlStatement("INSERT INTO countries VALUES ('IT', 'Italy')", List.of()),
                new SqlStatement("DELETE FROM countries WHERE code = 'FR'", List.of())), true);
        assertThat(store().modificationsSinceAnalyze("COUNTRIES")).isEqualTo(2 + 1 + 1 + 1);
    }

    @Test
    void statisticsTurnStaleOnceModificationsExceedAFifthOfTheRowsPlusFiveHundred() {
        db.sql("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            rows.add(List.of(i, 0));
        }
        engine().insertRows("T", List.of("ID", "V"), rows);
        assertThat(store().modificationsSinceAnalyze("T")).as("bulk load counts").isEqualTo(1_000);
        db.sql("ANALYZE t");
        long threshold = Math.round(StatisticsStore.STALE_FRACTION * 1_000) + StatisticsStore.STALE_ROWS;
        assertThat(threshold).isEqualTo(700);

        db.sql("UPDATE t SET v = 1 WHERE id <= ?", (int) threshold);
        assertThat(store().modificationsSinceAnalyze("T")).isEqualTo(700);
        assertThat(store().isStale("T")).as("exactly at the threshold").isFalse();

        db.sql("DELETE FROM t WHERE id = 1000");
        assertThat(store().isStale("T")).as("one past the threshold").isTrue();
        assertThat(store().estimatedRows("T")).isEqualTo(999);

        db.sql("ANALYZE t");
        assertThat(store().isStale("T")).isFalse();
    }

    @Test
    void analyzeWithoutATableAnalyzesEveryTableAndNamesTheTableOnEachRow() {
        db.sql("CREATE TABLE a (id INT PRIMARY KEY, x VARCHAR(5))");
        db.sql("CREATE TABLE b (k INT)");
        db.sql("INSERT INTO a VALUES (1, 'p')");
        db.sql("INSERT INTO b VALUES (7), (8)");

        SqlResult result = db.sql("ANALYZE");

        assertThat(result.columns()).extracting(ColumnInfo::name).containsExactly("TABLE_NAME", "COLUMN_NAME", "ROWS",
                "NULLS", "DISTINCT_VALUES", "DISTINCT_KIND", "MIN_VALUE", "MAX_VALUE");
        assertThat(result.rows()).containsExactly(
                List.of("A", "ID", 1L, 0L, 1L, "EXACT", "1", "1"),
                List.of("A", "X", 1L, 0L, 1L, "EXACT", "p", "p"),
                List.of("B", "K", 2L, 0L, 2L, "EXACT", "7", "8"));
        assertThat(store().statistics("A")).isNotNull();
        assertThat(store().statistics("B").rows()).isEqualTo(2);
        assertThat(db.sql("ANALYZE TABLE a").columns()).extracting(ColumnInfo::name).first().isEqualTo("COLUMN_NAME");
    }

    @Test
    void modificationCountsStartFromZeroAfterARestart() {
        db.sql("CREATE TABLE t (id INT PRIMARY KEY)");
        db.sql("ANALYZE t");
        db.sql("INSERT INTO t VALUES (1), (2)");
        assertThat(store().modificationsSinceAnalyze("T")).isEqualTo(2);

        restart();

        assertThat(store().modificationsSinceAnalyze("T")).as("counts are kept in memory only").isZero();
        assertThat(store().estimatedRows("T")).isZero();
        assertThat(store().statistics("T").columns()).containsOnlyKeys("ID");
    }
}
