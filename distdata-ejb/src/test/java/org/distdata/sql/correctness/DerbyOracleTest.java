package org.distdata.sql.correctness;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.SqlResult;
import org.distdata.sql.SqlStatement;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The oracle speaks the engine's language: DDL extensions stripped, typed values, mapped errors. */
class DerbyOracleTest {

    @Test
    void distributionClausesAreStrippedOnlyFromCreateTable() {
        assertThat(DdlExtensions.stripForDerby("CREATE TABLE t (id INT, k INT) DISTRIBUTE BY HASH (k)"))
                .isEqualTo("CREATE TABLE t (id INT, k INT)");
        assertThat(DdlExtensions.stripForDerby("create table r (id int primary key) reference"))
                .isEqualTo("create table r (id int primary key)");
        assertThat(DdlExtensions.stripForDerby("SELECT reference FROM t")).isEqualTo("SELECT reference FROM t");
    }

    @Test
    void resultsCarryDerbyTypeNamesAndJdbcNeutralValues() {
        try (DerbyOracle oracle = new DerbyOracle()) {
            oracle.execute(SqlStatement.of("CREATE TABLE t (i INT, b BIGINT, d DECIMAL(5,2), f DOUBLE, s VARCHAR(5), "
                    + "dt DATE) DISTRIBUTE BY HASH (i)"));
            SqlResult insert = oracle.execute(new SqlStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
                    Arrays.asList(1L, 2L, new BigDecimal("3.25"), 4.5, "x", "2024-02-29")));
            oracle.execute(new SqlStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
                    Arrays.asList(2L, null, null, null, null, null)));
            SqlResult rows = oracle.execute(SqlStatement.of("SELECT * FROM t ORDER BY i"));

            assertThat(insert.updateCount()).isEqualTo(1);
            assertThat(rows.columns()).extracting(ColumnInfo::type)
                    .containsExactly("INTEGER", "BIGINT", "DECIMAL", "DOUBLE", "VARCHAR", "DATE");
            assertThat(rows.rows().get(0)).containsExactly(1, 2L, new BigDecimal("3.25"), 4.5, "x",
                    LocalDate.of(2024, 2, 29));
            assertThat(rows.rows().get(1)).containsExactly(2, null, null, null, null, null);
        }
    }

    @Test
    void derbyErrorsBecomeEngineErrorCodes() {
        try (DerbyOracle oracle = new DerbyOracle()) {
            assertThatThrownBy(() -> oracle.execute(SqlStatement.of("SELEC 1")))
                    .isInstanceOf(DistDataException.class).extracting("code").isEqualTo(ErrorCode.SQL_SYNTAX);
            assertThatThrownBy(() -> oracle.execute(SqlStatement.of("SELECT * FROM nowhere")))
                    .isInstanceOf(DistDataException.class).extracting("code").isEqualTo(ErrorCode.SQL_SEMANTIC);
        }
    }

    @Test
    void atomicBatchLeavesNothingBehindWhenAStatementFails() {
        try (DerbyOracle oracle = new DerbyOracle()) {
            oracle.execute(SqlStatement.of("CREATE TABLE t (id INT PRIMARY KEY)"));
            assertThatThrownBy(() -> oracle.executeBatch(List.of(SqlStatement.of("INSERT INTO t VALUES (1)"),
                    SqlStatement.of("INSERT INTO t VALUES (1)")), true))
                    .extracting("code").isEqualTo(ErrorCode.CONSTRAINT_VIOLATION);
            assertThat(oracle.execute(SqlStatement.of("SELECT COUNT(*) FROM t")).rows()).containsExactly(List.of(0));
        }
    }

    @Test
    void comparatorAcceptsReorderedRowsAndTinyDoubleErrorsButNotWrongValues() {
        SqlResult expected = result(List.of(1, 0.1 + 0.2), List.of(2, 5.0));
        assertThat(ResultComparator.difference(expected, result(List.of(2L, 5.0), List.of(1L, 0.3)), false, Set.of()))
                .isNull();
        assertThat(ResultComparator.difference(expected, result(List.of(2L, 5.0), List.of(1L, 0.3)), true, Set.of()))
                .contains("row 0");
        assertThat(ResultComparator.difference(expected, result(List.of(1, 0.3), List.of(2, 5.001)), false, Set.of()))
                .contains("column 2");
        assertThat(ResultComparator.difference(result(List.of(new BigDecimal("2.50"))),
                result(List.of(new BigDecimal("2.5"))), false, Set.of())).isNull();
    }

    @SafeVarargs
    private static SqlResult result(List<Object>... rows) {
        List<ColumnInfo> columns = rows[0].stream().map(v -> new ColumnInfo("C", "X")).toList();
        return new SqlResult(columns, List.of(rows), null, 0);
    }
}
