package org.distdata.sql;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.SqlResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedSqlEngineTest {
    @TempDir
    static Path dir;
    EngineFixture db;

    @BeforeAll
    void open() {
        db = new EngineFixture(dir, 4);
        db.sql("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), country CHAR(2))");
        db.sql("CREATE TABLE orders (id INT NOT NULL, customer_id INT NOT NULL, amount DECIMAL(10,2), "
                + "PRIMARY KEY (customer_id, id)) DISTRIBUTE BY HASH (customer_id)");
        db.sql("CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(40)) REFERENCE");
        db.sql("INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France')");
        for (int i = 1; i <= 20; i++) {
            db.sql("INSERT INTO customers VALUES (?, ?, ?)", (long) i, "c" + i, i % 2 == 0 ? "DE" : "FR");
            for (int j = 1; j <= 3; j++) {
                db.sql("INSERT INTO orders (id, customer_id, amount) VALUES (?, ?, ?)", (long) (i * 10 + j), (long) i,
                        new BigDecimal(i + "." + j));
            }
        }
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Test
    void rowsAreSpreadOverPartitionsAndCountedOnce() {
        assertThat(db.scalar("SELECT COUNT(*) FROM orders")).isEqualTo(60);
        var details = db.node.catalog().table("ORDERS").orElseThrow();
        assertThat(details.partitions()).hasSize(4);
        assertThat(details.partitions()).allSatisfy(p -> assertThat(p.rows()).isGreaterThan(0));
        assertThat(details.rowEstimate()).isEqualTo(60);
    }

    @Test
    void pointLookupRunsOnOnePartition() {
        assertThat(db.rows("SELECT name FROM customers WHERE id = ?", 7L)).containsExactly(List.of("c7"));
        List<Object> plan = db.rows("EXPLAIN SELECT name FROM customers WHERE id = 7").get(0);
        assertThat(plan.get(1)).isEqualTo("FRAGMENT");
        assertThat(plan.get(2).toString()).startsWith("whole query on partition");
    }

    @Test
    void orderByLimitAndAggregatesMatchSingleDatabaseSemantics() {
        assertThat(db.rows("SELECT id FROM customers ORDER BY id DESC OFFSET 2 ROWS FETCH FIRST 3 ROWS ONLY"))
                .containsExactly(List.of(18), List.of(17), List.of(16));
        assertThat(db.rows("SELECT country, COUNT(*), SUM(id) FROM customers GROUP BY country HAVING COUNT(*) > 1 "
                + "ORDER BY country")).containsExactly(List.of("DE", 10, 110), List.of("FR", 10, 100));
        assertThat(db.scalar("SELECT AVG(amount) FROM orders WHERE customer_id <= 2")).isEqualTo(new BigDecimal("1.7000"));
        assertThat(db.scalar("SELECT COUNT(DISTINCT country) FROM customers")).isEqualTo(2);
    }

    @Test
    void colocatedAndReferenceJoins() {
        assertThat(db.rows("SELECT c.name, COUNT(*) FROM customers c JOIN orders o ON o.customer_id = c.id "
                + "JOIN countries k ON k.code = c.country WHERE k.name = 'Germany' AND c.id < 5 GROUP BY c.name "
                + "ORDER BY c.name")).containsExactly(List.of("c2", 3), List.of("c4", 3));
        assertThat(db.rows("SELECT SUM(o.amount) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = 3"))
                .containsExactly(List.of(new BigDecimal("9.60")));
    }

    @Test
    void multiPartitionUpdateIsAtomic() {
        db.sql("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT CHECK (balance >= 0))");
        for (int i = 0; i < 8; i++) {
            db.sql("INSERT INTO accounts VALUES (?, ?)", (long) i, (long) (i == 5 ? 0 : 10));
        }
        assertThatThrownBy(() -> db.sql("UPDATE accounts SET balance = balance - 5"))
                .isInstanceOf(DistDataException.class)
                .satisfies(e -> assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION));
        assertThat(db.scalar("SELECT SUM(balance) FROM accounts")).isEqualTo(70);
        assertThat(db.sql("UPDATE accounts SET balance = balance + 1 WHERE id = 5").updateCount()).isEqualTo(1);
        assertThat(db.sql("DELETE FROM accounts WHERE balance > 5").updateCount()).isEqualTo(7);
    }

    @Test
    void tableWithoutPrimaryKeyGetsHiddenRowId() {
        db.sql("CREATE TABLE t1 (a INT, b VARCHAR(10))");
        db.sql("INSERT INTO t1 VALUES (1, 'x'), (2, 'y'), (2, 'y')");
        assertThat(db.sql("SELECT * FROM t1 ORDER BY a").columns()).extracting(ColumnInfo::name).containsExactly("A", "B");
        assertThat(db.scalar("SELECT COUNT(*) FROM t1 WHERE a = 2")).isEqualTo(2);
        assertThat(db.node.catalog().tables()).anySatisfy(t -> {
            assertThat(t.name()).isEqualTo("T1");
            assertThat(t.distributionColumn()).isNull();
        });
    }

    @Test
    void tableWithoutKeyIsScannedInInsertionOrderLikeOneDatabase() {
        db.sql("CREATE TABLE seq (v INT)");
        for (int i = 40; i > 0; i--) {
            db.sql("INSERT INTO seq VALUES (?)", (long) i);
        }
        List<Object> values = db.rows("SELECT v FROM seq").stream().map(r -> r.get(0)).toList();
        assertThat(values).hasSize(40);
        assertThat(values.get(0)).isEqualTo(40);
        assertThat(values.get(39)).isEqualTo(1);
        assertThat(values).isSortedAccordingTo((a, b) -> Integer.compare((Integer) b, (Integer) a));
    }

    @Test
    void atomicBatchSeesItsOwnWritesAndAllowsSelfJoins() {
        db.sql("CREATE TABLE pairs (k INT PRIMARY KEY, v INT)");
        List<SqlResult> results = db.node.sql().executeBatch(List.of(
                SqlStatement.of("INSERT INTO pairs VALUES (1, 10), (2, 20), (3, 30)"),
                SqlStatement.of("SELECT a.k, b.v FROM pairs a JOIN pairs b ON a.k = b.k ORDER BY a.k")), true);
        assertThat(results.get(0).updateCount()).isEqualTo(3);
        assertThat(results.get(1).rows()).containsExactly(List.of(1, 10), List.of(2, 20), List.of(3, 30));
    }

    @Test
    void failedAtomicBatchChangesNothing() {
        db.sql("CREATE TABLE batch_t (k INT PRIMARY KEY)");
        assertThatThrownBy(() -> db.node.sql().executeBatch(List.of(
                SqlStatement.of("INSERT INTO batch_t VALUES (1), (2), (3), (4)"),
                SqlStatement.of("INSERT INTO batch_t VALUES (4)")), true))
                .satisfies(e -> assertThat(((DistDataException) e).extensions()).containsEntry("statementIndex", 1));
        assertThat(db.scalar("SELECT COUNT(*) FROM batch_t")).isEqualTo(0);
    }

    @Test
    void predicatesThatAreNotPushedDownStillFilter() {
        // 'DEX' is longer than CHAR(2) and 2.5 is no INTEGER: neither is pushed to the partitions,
        // so the gateway must still apply them itself.
        assertThat(db.scalar("SELECT COUNT(*) FROM customers WHERE country = 'DEX'")).isEqualTo(0);
        assertThat(db.scalar("SELECT COUNT(*) FROM customers WHERE id = 2.5")).isEqualTo(0);
        assertThat(db.scalar("SELECT COUNT(*) FROM customers WHERE id < 2.5 AND country = 'DEX'")).isEqualTo(0);
        assertThat(db.scalar("SELECT COUNT(*) FROM customers WHERE id < 2.5 OR country = 'DEX'")).isEqualTo(2);
    }

    @Test
    void statementOverItsTimeoutFailsWithTimeout() {
        // a cross join of 60^4 rows takes far longer than a second on the gateway
        SqlStatement slow = new SqlStatement("SELECT COUNT(*) FROM orders a, orders b, orders c, orders d "
                + "WHERE a.amount + b.amount + c.amount + d.amount < 0", List.of(), java.time.Duration.ofSeconds(1));
        assertThatThrownBy(() -> db.node.sql().execute(slow)).satisfies(e ->
                assertThat(((DistDataException) e).code()).as(e.getMessage()).isEqualTo(ErrorCode.TIMEOUT));
    }

    @Test
    void uniqueIndexWithoutTheDistributionColumnIsEnforcedAcrossPartitions() {
        db.sql("CREATE TABLE members (id INT PRIMARY KEY, email VARCHAR(20))");
        db.sql("CREATE UNIQUE INDEX members_email ON members (email)");
        for (int i = 0; i < 8; i++) {
            db.sql("INSERT INTO members VALUES (?, ?)", (long) i, "m" + i);
        }
        for (int i = 100; i < 108; i++) { // some of these ids hash to other partitions than the stored m3
            long id = i;
            assertThatThrownBy(() -> db.sql("INSERT INTO members VALUES (?, 'm3')", id)).satisfies(e ->
                    assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION));
        }
        assertThatThrownBy(() -> db.sql("INSERT INTO members VALUES (200, 'x'), (201, 'x')")).satisfies(e ->
                assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION));
        assertThat(db.scalar("SELECT COUNT(*) FROM members")).isEqualTo(8);
        assertThatThrownBy(() -> db.sql("UPDATE members SET email = 'y' WHERE id = 1")).hasMessageContaining("not supported yet");
    }

    @Test
    void uniqueIndexOverExistingDuplicatesIsRefusedAndNotLeftBehind() {
        db.sql("CREATE TABLE tags (id INT PRIMARY KEY, tag VARCHAR(10))");
        for (int i = 0; i < 8; i++) {
            db.sql("INSERT INTO tags VALUES (?, ?)", (long) i, i < 6 ? "t" + i : "dup");
        }
        assertThatThrownBy(() -> db.sql("CREATE UNIQUE INDEX tags_tag ON tags (tag)")).satisfies(e ->
                assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION));
        assertThat(db.node.catalog().table("TAGS").orElseThrow().indexes()).doesNotContain("TAGS_TAG");
        db.sql("INSERT INTO tags VALUES (100, 'dup')");
    }

    @Test
    void errorsCarryApiCodes() {
        assertThatThrownBy(() -> db.sql("SELEC 1")).satisfies(e ->
                assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.SQL_SYNTAX));
        assertThatThrownBy(() -> db.sql("SELECT * FROM nope")).satisfies(e ->
                assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.SQL_SEMANTIC));
        assertThatThrownBy(() -> db.sql("INSERT INTO customers VALUES (1, 'dup', 'DE')")).satisfies(e ->
                assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.CONSTRAINT_VIOLATION));
        assertThatThrownBy(() -> db.sql("UPDATE customers SET id = 99 WHERE id = 1")).hasMessageContaining(
                "not supported yet");
    }

    @Test
    void viewsAreQueryableThroughTheGateway() {
        db.sql("CREATE VIEW big_orders AS SELECT customer_id, amount FROM orders WHERE amount > 20");
        assertThat(db.scalar("SELECT COUNT(*) FROM big_orders")).isEqualTo(3);
        db.sql("DROP VIEW big_orders");
        assertThatThrownBy(() -> db.sql("SELECT * FROM big_orders")).isInstanceOf(DistDataException.class);
    }
}
