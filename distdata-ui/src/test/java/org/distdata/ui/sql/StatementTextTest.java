package org.distdata.ui.sql;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementTextTest {

    @Test
    void trailingSemicolonsAndBlanksAreDropped() {
        assertThat(StatementText.single("  SELECT 1 FROM t ;;\n ")).isEqualTo("SELECT 1 FROM t");
    }

    @Test
    void semicolonsInLiteralsAndCommentsDoNotEndTheStatement() {
        String sql = "SELECT ';', \"a;b\" FROM t -- x;y\nWHERE a = 1 /* ; */";
        assertThat(StatementText.single(sql)).isEqualTo(sql);
    }

    @Test
    void aCommentAfterTheLastSemicolonIsAllowed() {
        assertThat(StatementText.single("SELECT 1 FROM t; -- done")).isEqualTo("SELECT 1 FROM t");
    }

    @Test
    void aSecondStatementIsRefusedSoItCannotSlipPastThePermissionCheck() {
        assertThatThrownBy(() -> StatementText.single("SELECT 1 FROM t; DROP TABLE t"))
                .isInstanceOfSatisfying(DistDataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.detail()).contains("one statement at a time");
                });
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> StatementText.single(" ; "))
                .isInstanceOfSatisfying(DistDataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
}
