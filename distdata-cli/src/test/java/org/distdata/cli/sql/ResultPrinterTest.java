package org.distdata.cli.sql;

import org.distdata.cli.api.Json;
import org.distdata.cli.api.SqlResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultPrinterTest {

    @Test
    void queryIsAlignedWithNumbersOnTheRightAndNullShownAsNull() {
        SqlResponse response = SqlResponse.fromJson(Json.parseObject("""
                {"columns": [{"name": "ID", "type": "INTEGER"}, {"name": "NAME", "type": "VARCHAR"},
                             {"name": "AMOUNT", "type": "DECIMAL(10,2)"}],
                 "rows": [[1, "Ada", "12.50"], [42, null, "1000.00"]],
                 "rowCount": 2, "updateCount": null, "elapsedMs": 1.5}
                """));

        assertThat(ResultPrinter.format(response)).isEqualTo("""
                 ID | NAME | AMOUNT
                ----+------+---------
                  1 | Ada  |   12.50
                 42 | NULL | 1000.00
                (2 rows)
                """);
    }

    @Test
    void singleRowFooterIsSingular() {
        SqlResponse response = SqlResponse.fromJson(Json.parseObject("""
                {"columns": [{"name": "C", "type": "BIGINT"}], "rows": [[1000]], "updateCount": null}
                """));

        assertThat(ResultPrinter.format(response)).endsWith("(1 row)\n");
    }

    @Test
    void emptyResultStillShowsHeaderAndZeroRows() {
        SqlResponse response = SqlResponse.fromJson(Json.parseObject("""
                {"columns": [{"name": "NAME", "type": "VARCHAR"}], "rows": [], "updateCount": null}
                """));

        assertThat(ResultPrinter.format(response)).isEqualTo(" NAME\n------\n(0 rows)\n");
    }

    @Test
    void dmlPrintsAffectedRowCount() {
        SqlResponse response = SqlResponse.fromJson(Json.parseObject("""
                {"columns": [], "rows": [], "rowCount": 0, "updateCount": 3, "elapsedMs": 2.0}
                """));

        assertThat(ResultPrinter.format(response)).isEqualTo("OK, 3 rows affected\n");
    }

    @Test
    void ddlWithoutUpdateCountPrintsZeroRowsAffected() {
        SqlResponse response = SqlResponse.fromJson(Json.parseObject("""
                {"columns": [], "rows": [], "updateCount": null}
                """));

        assertThat(ResultPrinter.format(response)).isEqualTo("OK, 0 rows affected\n");
    }

    @Test
    void wideCharactersCountAsOneColumnEach() {
        TextTable table = new TextTable(java.util.List.of("N"), new boolean[]{false});
        table.addRow(java.util.List.of("Zoë"));
        table.addRow(java.util.List.of("Bob"));

        assertThat(table.render()).contains(" Zoë\n").contains(" Bob\n").contains("-----\n");
    }

    @Test
    void multiLineValueIsShownOnOneLine() {
        TextTable table = new TextTable(java.util.List.of("TEXT"), new boolean[]{false});
        table.addRow(java.util.List.of("first\nsecond"));

        assertThat(table.render()).contains(" first…\n").doesNotContain("second");
    }

    @Test
    void decimalAndIntegerTypesAreNumeric() {
        assertThat(ResultPrinter.isNumeric("DECIMAL(10,2)")).isTrue();
        assertThat(ResultPrinter.isNumeric("bigint")).isTrue();
        assertThat(ResultPrinter.isNumeric("VARCHAR(20)")).isFalse();
        assertThat(ResultPrinter.isNumeric("TIMESTAMP")).isFalse();
    }
}
