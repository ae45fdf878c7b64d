package org.distdata.security.control;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.security.entity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The role a statement needs, from the engine's classification (the corpus test covers the many forms). */
class StatementKindTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SELECT * FROM t                                    | READ  | reader",
            "(SELECT 1) UNION (SELECT 2)                        | READ  | reader",
            "WITH x AS (SELECT 1) SELECT * FROM x               | READ  | reader",
            "explain analyze select * from t                    | READ  | reader",
            "EXPLAIN ANALYZE DELETE FROM t                      | WRITE | writer",
            "/* SELECT */ UPDATE t SET a = 1                    | WRITE | writer",
            "MERGE INTO t USING s ON 1=1                        | WRITE | writer",
            "WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM x | WRITE | writer",
            "CREATE TABLE t (a INT) DISTRIBUTE BY HASH (a)      | ADMIN | admin",
            "ANALYZE t                                          | ADMIN | admin",
            "GRANT SELECT ON t TO u                             | ADMIN | admin",
            "CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE('/tmp')      | ADMIN | admin",
            "COMMIT                                             | ADMIN | admin",
    })
    void theStatementsAccessDecidesTheRole(String sql, StatementKind kind, String role) {
        assertThat(StatementKind.of(sql)).isEqualTo(kind);
        assertThat(StatementKind.of(sql).requiredRole()).isEqualTo(Role.fromId(role));
    }

    @Test
    void textThatIsNoStatementIsASyntaxErrorForEveryRole() {
        // The old first-keyword gate called this ADMIN, so a reader got FORBIDDEN and an admin SQL_SYNTAX.
        assertThatThrownBy(() -> StatementKind.of("SELECTX 1")).isInstanceOfSatisfying(DistDataException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX));
        assertThatThrownBy(() -> StatementKind.of("")).isInstanceOfSatisfying(DistDataException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX));
    }
}
