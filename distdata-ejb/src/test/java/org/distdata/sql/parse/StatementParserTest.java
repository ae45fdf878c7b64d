package org.distdata.sql.parse;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementParserTest {
    private final StatementParser parser = new StatementParser();

    @Test
    void distributeByHashIsStrippedAndRecorded() {
        ParsedStatement p = parser.parse("CREATE TABLE o (id INT, c INT, PRIMARY KEY (id, c)) DISTRIBUTE BY HASH (c);");
        assertThat(p.sql()).isEqualTo("CREATE TABLE o (id INT, c INT, PRIMARY KEY (id, c))");
        assertThat(p.placement()).isEqualTo(new Placement(Placement.Kind.HASH, "c"));
        assertThat(p.keyword()).isEqualTo("CREATE");
    }

    @Test
    void referenceIsStrippedAndRecorded() {
        ParsedStatement p = parser.parse("create table k (code char(2) primary key) reference");
        assertThat(p.sql()).isEqualTo("create table k (code char(2) primary key)");
        assertThat(p.placement().kind()).isEqualTo(Placement.Kind.REFERENCE);
    }

    @Test
    void extensionWordsInsideOtherStatementsAreLeftAlone() {
        ParsedStatement p = parser.parse("SELECT reference FROM t");
        assertThat(p.sql()).isEqualTo("SELECT reference FROM t");
        assertThat(p.placement()).isEqualTo(Placement.DEFAULT);
    }

    @Test
    void leadingCommentsDoNotHideTheKeyword() {
        assertThat(parser.parse("-- count them\n/* all */ SELECT 1 FROM t").keyword()).isEqualTo("SELECT");
        assertThat(parser.parse("/* a */ -- b\n  insert into t values (1)").keyword()).isEqualTo("INSERT");
    }

    @Test
    void unparseableSqlIsKeptForDerbyWithTheParserMessage() {
        ParsedStatement p = parser.parse("SELEC 1");
        assertThat(p.parsed()).isFalse();
        assertThat(p.parseError()).isNotBlank();
    }

    @Test
    void oversizedAndEmptyStatementsAreRejected() {
        assertThatThrownBy(() -> parser.parse("SELECT '" + "x".repeat(StatementParser.MAX_SQL_LENGTH) + "'"))
                .satisfies(e -> assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        assertThatThrownBy(() -> parser.parse("  ; "))
                .satisfies(e -> assertThat(((DistDataException) e).code()).isEqualTo(ErrorCode.SQL_SYNTAX));
    }
}
