package org.distdata.security.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatementClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM t | READ",
            "  select 1 from sysibm.sysdummy1 | READ",
            "(SELECT 1) UNION (SELECT 2) | READ",
            "VALUES 1 | READ",
            "WITH x AS (SELECT 1) SELECT * FROM x | READ",
            "EXPLAIN SELECT * FROM t | READ",
            "explain analyze select * from t | READ",
            "EXPLAIN ANALYZE DELETE FROM t | WRITE",
            "-- comment\\nINSERT INTO t VALUES (1) | WRITE",
            "/* SELECT */ UPDATE t SET a = 1 | WRITE",
            "DELETE FROM t | WRITE",
            "MERGE INTO t USING s ON 1=1 | WRITE",
            "CREATE TABLE t (a INT) | ADMIN",
            "DROP TABLE t | ADMIN",
            "ALTER TABLE t ADD COLUMN b INT | ADMIN",
            "ANALYZE t | ADMIN",
            "GRANT SELECT ON t TO u | ADMIN",
            "CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE('/tmp') | ADMIN",
            "SELECTX 1 | ADMIN",
            "'' | ADMIN",
    })
    void classifiesByFirstKeyword(String sql, StatementKind expected) {
        assertThat(StatementClassifier.classify(sql.replace("\\n", "\n"))).isEqualTo(expected);
    }
}
