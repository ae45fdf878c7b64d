package org.distdata.sql.correctness.diff;

import org.distdata.sql.SqlStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The whole differential workload for one seed, generated up front: the initial rows, then a
 * stream of operations in which about one in eight is DML, a round of {@code ANALYZE} of
 * every table comes at indices 5, 255, 505, … (so later queries are planned with fresh
 * statistics, early and again after DML), and the rest are SELECTs. The stream runs until
 * it holds the requested number of SELECTs. Generation never looks at results, and what
 * operation {@code i} is does not depend on the stream's length, so the same seed always
 * yields the same operations and any index can be replayed by re-running the DML and
 * ANALYZE before it.
 */
public record DiffStream(long seed, List<SqlStatement> initialRows, List<DiffOperation> operations) {
    static final int ANALYZE_EVERY = 250;
    static final int FIRST_ANALYZE = 5;

    /** A stream holding {@code queries} SELECTs and at least {@code minOperations} operations. */
    public static DiffStream generate(long seed, int queries, int minOperations) {
        DiffValues values = new DiffValues(new Random(seed));
        DiffData data = new DiffData(values);
        DiffExpressions expressions = new DiffExpressions(values);
        DiffQueries generator = new DiffQueries(values, expressions, data);
        DiffDml dml = new DiffDml(values, expressions, data);
        List<SqlStatement> rows = data.initialRows();
        List<DiffOperation> ops = new ArrayList<>();
        int selects = 0;
        for (int i = 0; selects < queries || i < minOperations; i++) {
            int inRound = (i - FIRST_ANALYZE) % ANALYZE_EVERY;
            DiffOperation op;
            if (i >= FIRST_ANALYZE && inRound < DiffSchema.TABLES.size()) {
                op = DiffOperation.analyze(i, DiffSchema.TABLES.get(inRound));
            } else {
                op = values.chance(0.125) ? dml.next(i) : generator.next(i);
            }
            selects += op.category().isQuery() ? 1 : 0;
            ops.add(op);
        }
        return new DiffStream(seed, rows, ops);
    }
}
