package org.distdata.sql.correctness.slt;

import org.distdata.sql.correctness.DerbyOracle;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness itself, on a tiny script against the Derby oracle: formatting, sorting,
 * hashing, guards and halt decide pass/fail exactly as the sqllogictest format says.
 */
class SltRunnerTest {

    private static SltFileResult runSmokeScript() throws URISyntaxException {
        Path file = Path.of(SltRunnerTest.class.getResource("/correctness/smoke.test").toURI());
        return SltRunner.run(file, DerbyOracle::new);
    }

    @Test
    void correctExpectationsPassAndTheWrongOneFails() throws Exception {
        SltFileResult result = runSmokeScript();

        // 14 records parsed; skipif distdata, onlyif mysql and the record after halt do not run
        assertThat(result.records()).hasSize(14);
        assertThat(result.run()).isEqualTo(10);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.firstFailures(5)).singleElement().asString()
                .contains("SELECT a FROM t1 ORDER BY a").contains("expected [3, 2, 1], got [1, 2, 3]");
    }

    @Test
    void guardsRunSkipifOfOtherEnginesAndSkipOnlyifOfOtherEngines() {
        List<SltRecord> records = SltParser.parse(List.of("skipif mysql", "statement ok", "SELECT 1 FROM t", "",
                "onlyif mysql", "statement ok", "SELECT 2 FROM t", "", "skipif distdata", "statement ok", "SELECT 3"));
        assertThat(records).extracting(SltRunner::guardsAllow).containsExactly(true, false, false);
    }

    @Test
    void rowsortKeepsRowsTogetherWhileValuesortSortsEachValue() {
        List<String> values = List.of("2", "a", "1", "b");
        assertThat(SltResultCheck.sort(values, 2, SltRecord.SltSort.ROWSORT)).containsExactly("1", "b", "2", "a");
        assertThat(SltResultCheck.sort(values, 2, SltRecord.SltSort.VALUESORT)).containsExactly("1", "2", "a", "b");
    }

    @Test
    void valuesAreFormattedByColumnType() {
        assertThat(SltValueFormatter.format(List.of(List.<Object>of(new java.math.BigDecimal("-7.9"), 2.5, "a\tb")),
                "IRT")).containsExactly("-7", "2.500", "a@b");
        assertThat(SltValueFormatter.format(java.util.Collections.singletonList(
                java.util.Arrays.asList(null, "")), "TT")).containsExactly("NULL", "(empty)");
    }

    @Test
    void hashIsMd5OfValuesEachFollowedByNewline() {
        assertThat(SltResultCheck.md5(List.of("1", "2"))).isEqualTo("6ddb4095eb719e2a9f0a3f95677d24e0");
    }

    @Test
    void samplingKeepsEveryStatementAndEveryKthQueryWithinThePrefix() {
        List<SltRecord> records = SltParser.parse(List.of("statement ok", "S", "", "query I", "Q1", "", "query I", "Q2",
                "", "statement ok", "S2", "", "query I", "Q3", "", "query I", "Q4", "", "query I", "Q5"));
        assertThat(new SltSampling(2, 0).select(records)).containsExactly(true, true, false, true, false, true, false);
        assertThat(new SltSampling(0, 3).select(records)).containsExactly(true, true, true, false, false, false, false);
        assertThat(SltSampling.FULL.select(records)).containsOnly(true);
    }

    @Test
    void textColumnsBecomeVarcharOnlyInCreateTable() {
        assertThat(SltDialect.adapt("CREATE TABLE tab0(pk INTEGER PRIMARY KEY, col2 TEXT, col5 TEXT)"))
                .isEqualTo("CREATE TABLE tab0(pk INTEGER PRIMARY KEY, col2 VARCHAR(255), col5 VARCHAR(255))");
        assertThat(SltDialect.adapt("CREATE TABLE t1( x INTEGER, y TEXT NOT NULL )"))
                .isEqualTo("CREATE TABLE t1( x INTEGER, y VARCHAR(255) NOT NULL )");
        assertThat(SltDialect.adapt("SELECT 'a TEXT, b' FROM t")).isEqualTo("SELECT 'a TEXT, b' FROM t");
    }
}
