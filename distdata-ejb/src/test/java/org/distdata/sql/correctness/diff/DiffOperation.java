package org.distdata.sql.correctness.diff;

import org.distdata.sql.SqlStatement;

import java.util.List;
import java.util.Set;

/**
 * One generated statement of the differential stream: its position (the replay index), what
 * it exercises, the statement itself, whether its result order is total and must match
 * exactly ({@code ordered}), and which result columns are approximate (DOUBLE arithmetic,
 * AVG) and compared with a small relative tolerance.
 */
public record DiffOperation(int index, DiffCategory category, SqlStatement statement, boolean ordered,
                            Set<Integer> approxColumns) {

    public static DiffOperation dml(int index, DiffCategory category, String sql, List<Object> params) {
        return new DiffOperation(index, category, new SqlStatement(sql, params), false, Set.of());
    }

    public static DiffOperation analyze(int index, String table) {
        return new DiffOperation(index, DiffCategory.ANALYZE, SqlStatement.of("ANALYZE " + table), false, Set.of());
    }

    @Override
    public String toString() {
        String params = statement.params().isEmpty() ? "" : " params " + statement.params();
        return "#" + index + " [" + category + "] " + statement.sql() + params;
    }
}
