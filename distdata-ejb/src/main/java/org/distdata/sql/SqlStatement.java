package org.distdata.sql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One SQL statement with its positional parameters, as a client sent it, and the time it may
 * take ({@code timeout}; null means the engine's default). Parameter values are plain Java
 * values: {@code null}, {@link Boolean}, {@link Long}, {@link Double},
 * {@link java.math.BigDecimal} or {@link String}.
 */
public record SqlStatement(String sql, List<Object> params, Duration timeout) {
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        params = params == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(params));
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public SqlStatement(String sql, List<Object> params) {
        this(sql, params, null);
    }

    public static SqlStatement of(String sql, Object... params) {
        return new SqlStatement(sql, java.util.Arrays.asList(params));
    }
}
