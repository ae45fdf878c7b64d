package org.distdata.partition;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcRowCursorTest {

    @Test
    void columnSizesAreKnownAfterTheRowsAreExhausted() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:derby:memory:jdbcRowCursorTest;create=true");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (d DECIMAL(10,2), s VARCHAR(7))");
            st.execute("INSERT INTO t VALUES (1.25, 'x')");
            // autocommit and CLOSE_CURSORS_AT_COMMIT, as partition sessions prepare their reads: Derby
            // closes the result set once it is exhausted, before an endpoint sends the column types
            JdbcRowCursor cursor = new JdbcRowCursor(c.prepareStatement("SELECT d, s FROM t",
                    java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY,
                    java.sql.ResultSet.CLOSE_CURSORS_AT_COMMIT).executeQuery(), () -> { });
            while (cursor.next()) {
                assertThat(cursor.get(0)).isEqualTo(new java.math.BigDecimal("1.25"));
            }
            assertThat(cursor.ddlTypes()).isEqualTo(List.of("DECIMAL(10,2)", "VARCHAR(7)"));
            cursor.close();
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:memory:jdbcRowCursorTest;drop=true");
            } catch (SQLException dropped) {
                // Derby reports a dropped database as an exception
            }
        }
    }
}
