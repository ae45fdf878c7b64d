package org.distdata.web.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlParamsTest {

    @Test
    void jsonValuesBecomeStatementParameters() {
        JsonArray a = parse("[42, -1, 1.25, 1e2, 123456789012345678901234, \"x\", true, false, null]");
        assertThat(SqlParams.fromJson(a)).isEqualTo(Arrays.asList(42L, -1L, new BigDecimal("1.25"),
                new BigDecimal("1e2"), new BigDecimal("123456789012345678901234"), "x", true, false, null));
    }

    @Test
    void arraysAndObjectsAreRejected() {
        assertThatThrownBy(() -> SqlParams.fromJson(parse("[1, [2]]")))
                .isInstanceOfSatisfying(DistDataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.detail()).contains("parameter 2");
                });
        assertThatThrownBy(() -> SqlParams.fromJson(parse("[{}]"))).isInstanceOf(DistDataException.class);
    }

    private static JsonArray parse(String json) {
        return Json.createReader(new StringReader(json)).readArray();
    }
}
