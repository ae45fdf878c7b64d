package org.distdata.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement with its positional parameters, as a client sent it. Parameter values
 * are plain Java values: {@code null}, {@link Boolean}, {@link Long}, {@link Double},
 * {@link java.math.BigDecimal} or {@link String}.
 */
public record SqlStatement(String sql, List<Object> params) {
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static SqlStatement of(String sql, Object... params) {
        return new SqlStatement(sql, java.util.Arrays.asList(params));
    }
}
