package org.distdata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeTest {

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

    @Test
    void analyzeCountsRowsNullsDistinctValuesAndRangeOverEveryPartition() {
        db.sql("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, status VARCHAR(10))");
        for (int id = 1; id <= 200; id++) {
            db.sql("INSERT INTO orders VALUES (?, ?, ?)", id, id % 20, id % 3 == 0 ? null : (id % 2 == 0 ? "OPEN" : "DONE"));
        }
        Map<Object, List<Object>> byColumn = byColumn(db.rows("ANALYZE TABLE orders"));
        assertThat(byColumn).hasSize(3);
        assertThat(byColumn.get("ID")).containsExactly("ID", 200L, 0L, 200L, "EXACT", "1", "200");
        assertThat(byColumn.get("CUSTOMER_ID")).containsExactly("CUSTOMER_ID", 200L, 0L, 20L, "EXACT", "0", "19");
        assertThat(byColumn.get("STATUS")).containsExactly("STATUS", 200L, 66L, 2L, "EXACT", "DONE", "OPEN");
    }

    @Test
    void aReferenceTableIsCountedOnceNotOncePerPartition() {
        db.sql("CREATE TABLE countries (code CHAR(2) PRIMARY KEY, name VARCHAR(40)) REFERENCE");
        db.sql("INSERT INTO countries VALUES ('DE', 'Germany')");
        db.sql("INSERT INTO countries VALUES ('FR', 'France')");
        assertThat(byColumn(db.rows("ANALYZE countries")).get("CODE")).containsExactly("CODE", 2L, 0L, 2L, "EXACT", "DE", "FR");
    }

    private static Map<Object, List<Object>> byColumn(List<List<Object>> rows) {
        Map<Object, List<Object>> out = new java.util.HashMap<>();
        rows.forEach(r -> out.put(r.get(0), r));
        return out;
    }

    @Test
    void analyzeOfAnUnknownTableOrOfTableWithoutANameIsAClearError() {
        assertThatThrownBy(() -> db.sql("ANALYZE nope")).isInstanceOf(DistDataException.class)
                .satisfies(e -> assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.SQL_SEMANTIC))
                .hasMessageContaining("NOPE");
        assertThatThrownBy(() -> db.sql("ANALYZE TABLE")).isInstanceOf(DistDataException.class)
                .satisfies(e -> assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.SQL_SYNTAX));
    }
}
