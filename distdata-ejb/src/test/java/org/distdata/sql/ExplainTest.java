package org.distdata.sql;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EXPLAIN and EXPLAIN ANALYZE through the engine: the plan rows, the estimates, the actual figures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainTest {
    @TempDir
    static Path dir;
    EngineFixture db;

    @BeforeAll
    void open() {
        db = new EngineFixture(dir, 4);
        db.sql("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40))");
        db.sql("CREATE TABLE orders (id INT NOT NULL, customer_id INT NOT NULL, qty INT, "
                + "PRIMARY KEY (customer_id, id)) DISTRIBUTE BY HASH (customer_id)");
        db.sql("CREATE TABLE notes (nid INT PRIMARY KEY, order_id INT, text VARCHAR(20))");
        for (int i = 1; i <= 12; i++) {
            db.sql("INSERT INTO customers VALUES (?, ?)", i, "c" + i);
            db.sql("INSERT INTO orders VALUES (?, ?, ?)", i * 10, i, i % 4);
            db.sql("INSERT INTO notes VALUES (?, ?, ?)", 100 + i, i * 10, "n" + i);
        }
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Test
    void explainShowsTheJoinStrategyAndFragmentsWithEstimates() {
        List<List<Object>> rows = db.rows("EXPLAIN SELECT o.id, n.text FROM orders o JOIN notes n ON n.order_id = o.id");
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("final", "J1", "F1", "F2");
        assertThat(rows.get(1).get(1).toString()).contains("HASH JOIN");
        assertThat(rows.get(2).get(2).toString()).contains("partitions: all 4");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(5));
        assertThat((Long) rows.get(2).get(3)).isPositive();
    }

    @Test
    void explainAnalyzeAddsActualRowsPerNodeAndTheRightAnswer() {
        String join = "SELECT o.id, n.text FROM orders o JOIN notes n ON n.order_id = o.id WHERE o.qty = 1";
        List<List<Object>> rows = db.rows("EXPLAIN ANALYZE " + join);
        assertThat(rows.get(0)).hasSize(6);
        assertThat(rows.get(0).get(5).toString()).startsWith("3 rows");
        assertThat(rows.stream().filter(r -> r.get(0).equals("J1")).findFirst().orElseThrow().get(5).toString())
                .startsWith("3 rows");
        assertThat(db.rows(join)).hasSize(3);
    }

    @Test
    void keyEqualityPrunesAndParametersCount() {
        List<List<Object>> rows = db.rows("EXPLAIN SELECT COUNT(*) FROM orders WHERE customer_id IN (?, ?) AND qty > 0",
                3, 3);
        assertThat(rows.get(1).get(2).toString()).contains("partitions: 1 of 4");
    }

    @Test
    void aQueryOutsideThePlannerSaysWhy() {
        List<List<Object>> rows = db.rows("EXPLAIN SELECT id FROM customers WHERE id > (SELECT MIN(customer_id) FROM orders)");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(1)).isEqualTo("GATEWAY QUERY");
        assertThat(rows.get(0).get(2).toString()).contains("subquery");
    }

    @Test
    void notInIsAnAntiJoinWithDerbysNullRules() {
        String sql = "SELECT id FROM customers WHERE id NOT IN (SELECT qty FROM orders WHERE qty > 0) ORDER BY id";
        assertThat(db.rows("EXPLAIN " + sql).get(1).get(1).toString()).contains("HASH ANTI JOIN (NOT IN)");
        assertThat(db.rows(sql)).extracting(r -> r.get(0)).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12);
        db.sql("INSERT INTO orders VALUES (999, 1, NULL)");
        try {
            // a NULL among the subquery's values makes NOT IN unknown for every other row
            assertThat(db.rows("SELECT id FROM customers WHERE id NOT IN (SELECT qty FROM orders) ORDER BY id")).isEmpty();
        } finally {
            db.sql("DELETE FROM orders WHERE id = 999");
        }
    }

    @Test
    void unknownColumnIsASemanticError() {
        assertThatThrownBy(() -> db.rows("SELECT o.nope FROM orders o JOIN notes n ON n.order_id = o.id"))
                .isInstanceOfSatisfying(DistDataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_SEMANTIC));
    }
}
