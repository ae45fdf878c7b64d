package org.distdata.cli.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatementSplitterTest {

    @Test
    void statementSpanningLinesCompletesAtSemicolon() {
        StatementSplitter splitter = new StatementSplitter();

        assertThat(splitter.addLine("SELECT *")).isEmpty();
        assertThat(splitter.hasPending()).isTrue();
        assertThat(splitter.addLine("FROM orders")).isEmpty();
        assertThat(splitter.addLine("WHERE id = 1;")).containsExactly("SELECT *\nFROM orders\nWHERE id = 1");
        assertThat(splitter.hasPending()).isFalse();
    }

    @Test
    void semicolonInsideStringLiteralDoesNotEndTheStatement() {
        assertThat(StatementSplitter.split("INSERT INTO t VALUES ('a;b', 'it''s; fine'); SELECT 1;"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s; fine')", "SELECT 1");
    }

    @Test
    void semicolonInsideQuotedIdentifierDoesNotEndTheStatement() {
        assertThat(StatementSplitter.split("SELECT \"odd;name\" FROM t;"))
                .containsExactly("SELECT \"odd;name\" FROM t");
    }

    @Test
    void literalMaySpanLines() {
        StatementSplitter splitter = new StatementSplitter();

        assertThat(splitter.addLine("INSERT INTO notes VALUES ('line one;")).isEmpty();
        assertThat(splitter.addLine("line two');")).containsExactly("INSERT INTO notes VALUES ('line one;\nline two')");
    }

    @Test
    void semicolonInCommentsIsIgnored() {
        assertThat(StatementSplitter.split("SELECT 1 -- not; here\n, 2 /* nor; here */ FROM t;"))
                .containsExactly("SELECT 1 -- not; here\n, 2 /* nor; here */ FROM t");
    }

    @Test
    void severalStatementsOnOneLineAndEmptyOnesAreSkipped() {
        StatementSplitter splitter = new StatementSplitter();

        assertThat(splitter.addLine("SELECT 1; ; SELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(splitter.hasPending()).isFalse();
    }

    @Test
    void commentOnlyInputIsNotPending() {
        StatementSplitter splitter = new StatementSplitter();

        splitter.addLine("-- just a comment");

        assertThat(splitter.hasPending()).isFalse();
        assertThat(splitter.finish()).isEmpty();
    }

    @Test
    void trailingStatementWithoutSemicolonIsKeptBySplit() {
        List<String> statements = StatementSplitter.split("SELECT COUNT(*) FROM orders");

        assertThat(statements).containsExactly("SELECT COUNT(*) FROM orders");
    }

    @Test
    void resetDropsAHalfTypedStatement() {
        StatementSplitter splitter = new StatementSplitter();
        splitter.addLine("SELECT 'unterminated");

        splitter.reset();

        assertThat(splitter.hasPending()).isFalse();
        assertThat(splitter.addLine("SELECT 2;")).containsExactly("SELECT 2");
    }

    @Test
    void headerCommentsOfAScriptAreNotSentWithItsFirstStatement() {
        assertThat(StatementSplitter.split("-- schema\n/* two\nlines */\n  CREATE TABLE t (id INT);\n-- next\nDROP TABLE t;"))
                .containsExactly("CREATE TABLE t (id INT)", "DROP TABLE t");
    }

    @Test
    void commentsInsideAStatementAreKept() {
        assertThat(StatementSplitter.split("SELECT 1 -- one\nFROM t;")).containsExactly("SELECT 1 -- one\nFROM t");
    }
}
