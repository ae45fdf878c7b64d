package org.distdata.load;

import org.distdata.error.DistDataException;
import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.sql.DistributedSqlEngine;
import org.distdata.sql.SqlStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvImporterTest {
    @TempDir
    static Path dir;
    Node node;
    CsvImporter importer;

    @BeforeAll
    void open() {
        node = Node.open(new NodeConfig("csv", dir, 4, Optional.of("csv-admin-pw-1"), Duration.ofHours(1)));
        node.sql().execute(SqlStatement.of("CREATE TABLE people (id INT PRIMARY KEY, name VARCHAR(10) NOT NULL, "
                + "born DATE, score DECIMAL(5,2))"));
        importer = new CsvImporter((DistributedSqlEngine) node.sql(), 2);
    }

    @AfterAll
    void close() {
        node.close();
    }

    private long count() {
        return ((Number) node.sql().execute(SqlStatement.of("SELECT COUNT(*) FROM people")).rows().get(0).get(0))
                .longValue();
    }

    @Test
    void badLineIsReportedWithItsNumberAndItsBatchLoadsNothing() {
        String csv = "id,name,born,score\n1,ann,2000-01-02,1.5\n2,bob,,2\n3,cy,1999-12-31,3\n4,dee,not-a-date,4\n5,eve,,5\n";
        assertThatThrownBy(() -> importer.importCsv("people", new StringReader(csv)))
                .isInstanceOf(DistDataException.class)
                .satisfies(e -> {
                    DistDataException d = (DistDataException) e;
                    assertThat(d.extensions()).containsEntry("line", 5L).containsEntry("rowsImported", 2L);
                    assertThat(d.detail()).contains("line 5").contains("BORN");
                });
        // batch size 2: lines 2-3 committed; lines 4-5 (the bad line's batch) not; line 6 never read
        assertThat(count()).isEqualTo(2);
        node.sql().execute(SqlStatement.of("DELETE FROM people"));
    }

    @Test
    void constraintViolationInABatchRollsBackTheWholeBatch() {
        String csv = "id,name\n10,a\n11,b\n12,c\n12,dup\n";
        assertThatThrownBy(() -> importer.importCsv("people", new StringReader(csv)))
                .satisfies(e -> assertThat(((DistDataException) e).extensions()).containsEntry("line", 4L));
        assertThat(count()).isEqualTo(2);
        node.sql().execute(SqlStatement.of("DELETE FROM people"));
    }

    @Test
    void goodFileLoadsEveryRowWithTypes() {
        ImportResult r = importer.importCsv("PEOPLE", new StringReader("name,id,score\n\"x, y\",1,2.25\nz,2,\n"));
        assertThat(r.rowsImported()).isEqualTo(2);
        assertThat(node.sql().execute(SqlStatement.of("SELECT name, score FROM people ORDER BY id")).rows())
                .containsExactly(java.util.List.of("x, y", new java.math.BigDecimal("2.25")),
                        java.util.Arrays.asList("z", null));
        node.sql().execute(SqlStatement.of("DELETE FROM people"));
    }
}
