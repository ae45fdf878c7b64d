package org.distdata.sql.exec;

import org.distdata.relation.Relation;
import org.distdata.relation.RelationColumn;
import org.distdata.sql.plan.JoinKind;

import java.util.ArrayList;
import java.util.List;

/**
 * An equi-join of two gathered relations at the gateway: the right side is hashed into a
 * {@link JoinTable} and every left row probes it. Keys compare as Derby's {@code =} does
 * (see {@link JoinKey}), so the result is what Derby would return for the same join, as a
 * multiset; rows come out in left order and, per left row, in right order.
 *
 * <p>The left side is the preserved one for LEFT_OUTER, SEMI, ANTI and NULL_AWARE_ANTI; for
 * INNER the caller hashes the smaller side by passing it as the right. Residual (non-equi)
 * predicates are left to a later SQL stage. Output rows of SEMI and ANTI joins are the left
 * rows themselves, not copies: relation rows are never modified once built.
 */
public final class HashJoin {
    private HashJoin() {
    }

    /** Joins {@code left} with {@code right} where {@code left[leftKeys[i]] = right[rightKeys[i]]} for all i. */
    public static Relation join(Relation left, Relation right, int[] leftKeys, int[] rightKeys, JoinKind kind) {
        checkKeys(left, right, leftKeys, rightKeys, kind);
        JoinTable table = JoinTable.build(right.rows(), rightKeys);
        List<Object[]> rows = probe(left.rows(), left.width(), leftKeys, table, right.width(), kind,
                table.size() == 0, table.nullKeyRows() > 0);
        return new Relation(outputColumns(left, right, kind), rows);
    }

    /** Left columns then right columns for INNER and LEFT_OUTER; left columns for the others. */
    public static List<RelationColumn> outputColumns(Relation left, Relation right, JoinKind kind) {
        if (kind != JoinKind.INNER && kind != JoinKind.LEFT_OUTER) {
            return left.columns();
        }
        List<RelationColumn> columns = new ArrayList<>(left.width() + right.width());
        columns.addAll(left.columns());
        columns.addAll(right.columns());
        return columns;
    }

    static void checkKeys(Relation left, Relation right, int[] leftKeys, int[] rightKeys, JoinKind kind) {
        if (leftKeys.length == 0 || leftKeys.length != rightKeys.length) {
            throw new IllegalArgumentException("a join needs as many left as right key columns, at least one");
        }
        if (kind == JoinKind.NULL_AWARE_ANTI && leftKeys.length != 1) {
            throw new IllegalArgumentException("NOT IN joins on exactly one key column");
        }
        for (int i = 0; i < leftKeys.length; i++) {
            if (leftKeys[i] < 0 || leftKeys[i] >= left.width() || rightKeys[i] < 0 || rightKeys[i] >= right.width()) {
                throw new IllegalArgumentException("join key column out of range");
            }
        }
    }

    /**
     * The output rows of {@code leftRows} probing {@code table}. {@code rightEmpty} and
     * {@code rightHasNullKey} describe the whole right side, which for a partitioned join is
     * more than this table; only NULL_AWARE_ANTI reads them.
     */
    static List<Object[]> probe(List<Object[]> leftRows, int leftWidth, int[] leftKeys, JoinTable table,
                                int rightWidth, JoinKind kind, boolean rightEmpty, boolean rightHasNullKey) {
        return switch (kind) {
            case INNER -> pairs(leftRows, leftWidth, leftKeys, table, rightWidth, false);
            case LEFT_OUTER -> pairs(leftRows, leftWidth, leftKeys, table, rightWidth, true);
            case SEMI -> filter(leftRows, leftKeys, table, true);
            case ANTI -> filter(leftRows, leftKeys, table, false);
            case NULL_AWARE_ANTI -> rightEmpty ? new ArrayList<>(leftRows)
                    : rightHasNullKey ? new ArrayList<>() : notIn(leftRows, leftKeys, table);
        };
    }

    private static List<Object[]> pairs(List<Object[]> leftRows, int leftWidth, int[] leftKeys, JoinTable table,
                                        int rightWidth, boolean keepUnmatched) {
        List<Object[]> out = new ArrayList<>(leftRows.size());
        for (Object[] l : leftRows) {
            int match = -1;
            int h = 0;
            if (!JoinKey.hasNull(l, leftKeys)) {
                h = JoinKey.hash(l, leftKeys);
                match = table.first(l, leftKeys, h);
            }
            if (match < 0) {
                if (keepUnmatched) {
                    out.add(concat(l, leftWidth, null, rightWidth));
                }
                continue;
            }
            for (; match >= 0; match = table.next(match, l, leftKeys, h)) {
                out.add(concat(l, leftWidth, table.row(match), rightWidth));
            }
        }
        return out;
    }

    /** The left rows that have a match ({@code wanted} true) or that have none. */
    private static List<Object[]> filter(List<Object[]> leftRows, int[] leftKeys, JoinTable table, boolean wanted) {
        List<Object[]> out = new ArrayList<>(leftRows.size());
        for (Object[] l : leftRows) {
            boolean found = !JoinKey.hasNull(l, leftKeys) && table.first(l, leftKeys, JoinKey.hash(l, leftKeys)) >= 0;
            if (found == wanted) {
                out.add(l);
            }
        }
        return out;
    }

    /** NOT IN against a right side that is neither empty nor holding a NULL key. */
    private static List<Object[]> notIn(List<Object[]> leftRows, int[] leftKeys, JoinTable table) {
        List<Object[]> out = new ArrayList<>(leftRows.size());
        for (Object[] l : leftRows) {
            if (!JoinKey.hasNull(l, leftKeys) && table.first(l, leftKeys, JoinKey.hash(l, leftKeys)) < 0) {
                out.add(l);
            }
        }
        return out;
    }

    private static Object[] concat(Object[] left, int leftWidth, Object[] right, int rightWidth) {
        Object[] row = new Object[leftWidth + rightWidth];
        System.arraycopy(left, 0, row, 0, leftWidth);
        if (right != null) {
            System.arraycopy(right, 0, row, leftWidth, rightWidth);
        }
        return row;
    }
}
