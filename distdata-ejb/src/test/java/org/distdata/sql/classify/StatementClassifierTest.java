package org.distdata.sql.classify;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.sql.classify.SchemaChange.ObjectKind;
import org.distdata.sql.classify.SchemaChange.Verb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementClassifierTest {

    /** In the tables, {@code \n} and {@code \t} stand for a line break and a tab. */
    static ClassifiedStatement classify(String sql) {
        return StatementClassifier.classify(sql.replace("\\n", "\n").replace("\\t", "\t"));
    }

    /** Every statement of the corpus (statements.csv) is what the corpus says it is. */
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvFileSource(resources = "statements.csv", delimiter = '|', quoteCharacter = '`')
    void classifiesByWhatTheStatementIs(String sql, String type, Access access, String keyword) {
        if (type.equals("SQL_SYNTAX")) {
            assertThatThrownBy(() -> classify(sql)).isInstanceOfSatisfying(DistDataException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX));
            return;
        }
        ClassifiedStatement st = classify(sql);

        assertThat(st.type()).isEqualTo(StatementType.valueOf(type));
        assertThat(st.access()).isEqualTo(access);
        assertThat(st.keyword()).isEqualTo(keyword);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SELEC 1                    | SELEC",
            "SELECTX 1                  | SELECTX",
            "BEGIN                      | EOF",
            "42                         | 42",
            "'just a string'            | just a string",
            "(((                        | (",
            "FROM t SELECT a            | ",
            "EXPLAIN SELEC 1            | SELEC",
    })
    void textThatIsNoStatementIsASyntaxError(String sql, String mentioned) {
        assertThatThrownBy(() -> classify(sql)).isInstanceOfSatisfying(DistDataException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
            assertThat(e.detail()).contains(mentioned == null ? "" : mentioned).contains("line 1, column");
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                                | Empty statement.",
            "`  ;; `                           | Empty statement.",
            "-- nothing but a comment          | Empty statement.",
            "SELECT 1; DROP TABLE t            | One statement at a time",
            "SELECT 1; SELECT 2;               | One statement at a time",
            "EXPLAIN                           | EXPLAIN needs a statement",
            "EXPLAIN ANALYZE                   | EXPLAIN needs a statement",
            "ANALYZE TABLE                     | ANALYZE takes at most one table",
            "ANALYZE a, b                      | ANALYZE takes at most one table",
            "ANALYZE app.t                     | ANALYZE takes at most one table",
    })
    void malformedStatementsAreRefusedWithAReason(String sql, String reason) {
        assertThatThrownBy(() -> classify(sql)).isInstanceOfSatisfying(DistDataException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SQL_SYNTAX);
            assertThat(e.detail()).startsWith(reason);
        });
    }

    @Test
    void oversizedStatementsAreRefusedBeforeAnyParse() {
        assertThatThrownBy(() -> classify("SELECT '" + "x".repeat(StatementClassifier.MAX_SQL_LENGTH) + "'"))
                .isInstanceOfSatisfying(DistDataException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    }

    @Test
    void semicolonsAtTheEndAndInsideLiteralsOrCommentsDoNotCount() {
        assertThat(classify("SELECT ';' FROM t -- ;\\n ;  ; ").sql()).isEqualTo("SELECT ';' FROM t -- ;");
        assertThat(classify("SELECT 1; -- done").sql()).isEqualTo("SELECT 1");
    }

    @Test
    void distributeByHashIsStrippedAndRecorded() {
        ClassifiedStatement st = classify("CREATE TABLE o (id INT, c INT, PRIMARY KEY (id, c)) DISTRIBUTE BY HASH (c);");

        assertThat(st.sql()).isEqualTo("CREATE TABLE o (id INT, c INT, PRIMARY KEY (id, c))");
        assertThat(st.placement()).isEqualTo(new Placement(Placement.Kind.HASH, "c"));
        assertThat(st.parsed()).isTrue();
        assertThat(st.schemaChange()).isEqualTo(new SchemaChange(Verb.CREATE, ObjectKind.TABLE,
                new ObjectName(null, "o"), null, false, new Placement(Placement.Kind.HASH, "c")));
    }

    @Test
    void placementClausesSurviveCommentsAndQuotedColumns() {
        ClassifiedStatement st = classify("create table o (\"Key\" int) /* spread */ distribute by hash (\"Key\") -- c");

        assertThat(st.sql()).isEqualTo("create table o (\"Key\" int)");
        assertThat(st.placement()).isEqualTo(new Placement(Placement.Kind.HASH, "\"Key\""));
        assertThat(classify("CREATE TABLE k (code CHAR(2) PRIMARY KEY) REFERENCE").placement().kind())
                .isEqualTo(Placement.Kind.REFERENCE);
    }

    @Test
    void extensionWordsElsewhereAreLeftAlone() {
        ClassifiedStatement select = classify("SELECT reference FROM t");
        assertThat(select.sql()).isEqualTo("SELECT reference FROM t");
        assertThat(select.placement()).isEqualTo(Placement.DEFAULT);
        ClassifiedStatement column = classify("CREATE TABLE t (a INT, reference INT)");
        assertThat(column.sql()).isEqualTo("CREATE TABLE t (a INT, reference INT)");
        assertThat(column.placement()).isEqualTo(Placement.DEFAULT);
    }

    @Test
    void theHeadOfEachDdlFormTheEngineRunsIsRead() {
        assertThat(classify("CREATE UNIQUE INDEX app.i ON \"T\" (a DESC)").schemaChange()).isEqualTo(new SchemaChange(
                Verb.CREATE, ObjectKind.INDEX, new ObjectName("app", "i"), new ObjectName(null, "\"T\""), true,
                Placement.DEFAULT));
        assertThat(classify("create view v (x) as values 1").schemaChange().object()).isEqualTo(ObjectKind.VIEW);
        assertThat(classify("DROP VIEW app.v").schemaChange())
                .isEqualTo(new SchemaChange(Verb.DROP, ObjectKind.VIEW, new ObjectName("app", "v"), null, false,
                        Placement.DEFAULT));
        assertThat(classify("TRUNCATE TABLE t").schemaChange().verb()).isEqualTo(Verb.TRUNCATE);
        // a CREATE TABLE that JSqlParser cannot parse still has its head
        ClassifiedStatement bits = classify("CREATE TABLE b (a VARCHAR(10) FOR BIT DATA) REFERENCE");
        assertThat(bits.parsed()).isFalse();
        assertThat(bits.schemaChange().name()).isEqualTo(new ObjectName(null, "b"));
        assertThat(bits.placement().kind()).isEqualTo(Placement.Kind.REFERENCE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "DROP TABLE t CASCADE", "DROP TABLE IF EXISTS t", "TRUNCATE t", "CREATE TABLE t AS SELECT * FROM u",
            "CREATE SCHEMA s", "ALTER TABLE t ADD COLUMN b INT", "DROP TRIGGER tr", "CREATE INDEX i ON t",
    })
    void otherDdlFormsHaveNoHeadForTheEngine(String sql) {
        assertThat(classify(sql).type()).isEqualTo(StatementType.DDL);
        assertThat(classify(sql).schemaChange()).isNull();
    }

    @Test
    void analyzeNamesItsTableOrNone() {
        assertThat(classify("ANALYZE orders").analyzed()).isEqualTo("orders");
        assertThat(classify("ANALYZE TABLE \"Orders\";").analyzed()).isEqualTo("\"Orders\"");
        assertThat(classify("ANALYZE").analyzed()).isNull();
    }

    @Test
    void explainCarriesTheExplainedStatement() {
        ClassifiedStatement st = classify("EXPLAIN ANALYZE\\n  SELECT a FROM t WHERE b = ?");

        assertThat(st.explain().analyze()).isTrue();
        assertThat(st.explain().statement().type()).isEqualTo(StatementType.QUERY);
        assertThat(st.explain().statement().sql()).isEqualTo("SELECT a FROM t WHERE b = ?");
        assertThat(classify("EXPLAIN SELECT 1").explain().analyze()).isFalse();
    }

    @Test
    void tablesAreTheNamesTheStatementReadsOrChanges() {
        assertThat(classify("WITH x AS (SELECT a FROM q) SELECT * FROM x JOIN \"B c\" ON 1 = 1, app.d").tables())
                .containsExactlyInAnyOrder("q", "\"B c\"", "app.d");
        assertThat(classify("INSERT INTO t SELECT * FROM u").tables()).containsExactly("t", "u");
        assertThat(classify("CREATE INDEX i ON t (a)").tables()).containsExactly("t");
        assertThat(classify("CREATE VIEW v AS SELECT * FROM u").tables()).containsExactly("v", "u");
        assertThat(classify("ALTER TABLE t ADD COLUMN b INT").tables()).containsExactly("t");
        assertThat(classify("EXPLAIN SELECT * FROM t").tables()).containsExactly("t");
        assertThat(classify("ANALYZE t").tables()).containsExactly("t");
        assertThat(classify("SELECT - - a FROM t").tables()).isEmpty();
    }

    @Test
    void aRepeatedStatementIsParsedOnce() {
        String sql = "SELECT a FROM t WHERE b = ? -- " + System.nanoTime();

        assertThat(StatementClassifier.classify(sql)).isSameAs(StatementClassifier.classify(sql));
    }
}
