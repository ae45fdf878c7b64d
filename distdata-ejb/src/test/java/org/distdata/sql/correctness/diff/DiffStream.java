package org.distdata.sql.correctness.diff;

import org.distdata.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The whole differential workload for one seed, generated up front: the initial rows, then
 * {@code operations} statements of which about one in eight is DML and the rest SELECTs.
 * Generation never looks at results, so the same seed always yields the same stream and any
 * index can be replayed by re-running the DML before it.
 */
public record DiffStream(long seed, List<SqlStatement> initialRows, List<DiffOperation> operations) {

    public static DiffStream generate(long seed, int operations) {
        DiffValues values = new DiffValues(new Random(seed));
        DiffData data = new DiffData(values);
        DiffExpressions expressions = new DiffExpressions(values);
        DiffQueries queries = new DiffQueries(values, expressions, data);
        DiffDml dml = new DiffDml(values, expressions, data);
        List<SqlStatement> rows = data.initialRows();
        List<DiffOperation> ops = new ArrayList<>(operations);
        for (int i = 0; i < operations; i++) {
            ops.add(values.chance(0.125) ? dml.next(i) : queries.next(i));
        }
        return new DiffStream(seed, rows, ops);
    }
}
