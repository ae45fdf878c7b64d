package org.distdata.web.json;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import org.distdata.relation.ColumnInfo;
import org.distdata.relation.SqlResult;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlResultJsonTest {

    @Test
    void valuesAreMappedAsApiMdSays() {
        SqlResult r = new SqlResult(List.of(new ColumnInfo("A", "INTEGER")), List.of(Arrays.asList(
                7, 9_000_000_000L, 1.5, new BigDecimal("12345678901234567890.10"), "Ada", true,
                LocalDate.of(2026, 1, 2), LocalTime.of(3, 4, 5), LocalDateTime.of(2026, 1, 2, 3, 4, 5, 600_000_000),
                new byte[]{1, 2, 3}, null, Double.NaN)), null, 3.14159);

        String json = write(r);

        assertThat(json).contains("\"rows\":[[7,9000000000,1.5,\"12345678901234567890.10\",\"Ada\",true,"
                + "\"2026-01-02\",\"03:04:05\",\"2026-01-02T03:04:05.600\",\"AQID\",null,\"NaN\"]]");
        JsonObject o = Json.createReader(new StringReader(json)).readObject();
        assertThat(o.getJsonArray("columns").getJsonObject(0).getString("type")).isEqualTo("INTEGER");
        assertThat(o.getInt("rowCount")).isEqualTo(1);
        assertThat(o.isNull("updateCount")).isTrue();
        assertThat(o.getJsonNumber("elapsedMs").doubleValue()).isEqualTo(3.142);
    }

    @Test
    void updateResultHasEmptyColumnsAndRowsAndACount() {
        String json = write(SqlResult.update(3, 1.0));
        assertThat(json).isEqualTo("{\"columns\":[],\"rows\":[],\"rowCount\":0,\"updateCount\":3,\"elapsedMs\":1.0}");
    }

    private static String write(SqlResult r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.createGenerator(out)) {
            SqlResultJson.write(g, r);
        }
        return out.toString();
    }
}
