package org.distdata.sql.exec;

import org.distdata.relation.Relation;
import org.distdata.relation.RelationColumn;
import org.distdata.sql.plan.JoinKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test data for the operators: literal relations, seeded random ones, and a nested-loop reference join. */
final class Relations {
    private Relations() {
    }

    static Relation of(List<String> names, Object[]... rows) {
        List<RelationColumn> columns = new ArrayList<>();
        for (String n : names) {
            columns.add(new RelationColumn(n, "INTEGER"));
        }
        return new Relation(columns, new ArrayList<>(Arrays.asList(rows)));
    }

    static Object[] row(Object... values) {
        return values;
    }

    /**
     * {@code n} rows of (key, tag, id): the key drawn from {@code distinct} values, each value
     * arriving as one of several Java classes of equal SQL value, about one in {@code nullEvery}
     * keys NULL (never, when 0); the tag a string that may carry trailing blanks.
     */
    static Relation random(Random rnd, int n, int distinct, int nullEvery, String prefix) {
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object key = nullEvery > 0 && rnd.nextInt(nullEvery) == 0 ? null : number(rnd, rnd.nextInt(distinct));
            String tag = "t" + rnd.nextInt(3) + " ".repeat(rnd.nextInt(3));
            rows.add(new Object[] {key, tag, prefix + i});
        }
        return new Relation(List.of(new RelationColumn(prefix + "K", "DECIMAL(31,2)"),
                new RelationColumn(prefix + "TAG", "VARCHAR(10)"), new RelationColumn(prefix + "ID", "VARCHAR(20)")),
                rows);
    }

    private static Object number(Random rnd, int v) {
        return switch (rnd.nextInt(5)) {
            case 0 -> v;
            case 1 -> (long) v;
            case 2 -> new BigDecimal(v).setScale(rnd.nextInt(3));
            case 3 -> (double) v;
            default -> (short) v;
        };
    }

    /** The join by definition: every pair of rows whose keys match, in nested loops. */
    static List<Object[]> nestedLoop(Relation left, Relation right, int[] lk, int[] rk, JoinKind kind) {
        List<Object[]> out = new ArrayList<>();
        boolean rightHasNull = false;
        for (Object[] r : right.rows()) {
            rightHasNull |= JoinKey.hasNull(r, rk);
        }
        List<JoinKey> rightKeys = new ArrayList<>();
        for (Object[] r : right.rows()) {
            rightKeys.add(JoinKey.of(r, rk));
        }
        for (Object[] l : left.rows()) {
            boolean matched = false;
            JoinKey leftKey = JoinKey.of(l, lk);
            for (int i = 0; i < right.rows().size(); i++) {
                Object[] r = right.rows().get(i);
                if (leftKey.matches(rightKeys.get(i))) {
                    matched = true;
                    if (kind == JoinKind.INNER || kind == JoinKind.LEFT_OUTER) {
                        out.add(concat(l, r, right.width()));
                    }
                }
            }
            switch (kind) {
                case LEFT_OUTER -> {
                    if (!matched) {
                        out.add(concat(l, null, right.width()));
                    }
                }
                case SEMI -> {
                    if (matched) {
                        out.add(l);
                    }
                }
                case ANTI -> {
                    if (!matched) {
                        out.add(l);
                    }
                }
                case NULL_AWARE_ANTI -> {
                    boolean keep = right.rows().isEmpty()
                            || (!rightHasNull && !JoinKey.hasNull(l, lk) && !matched);
                    if (keep) {
                        out.add(l);
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static Object[] concat(Object[] l, Object[] r, int rightWidth) {
        Object[] row = Arrays.copyOf(l, l.length + rightWidth);
        if (r != null) {
            System.arraycopy(r, 0, row, l.length, rightWidth);
        }
        return row;
    }

    /** Rows as a multiset: each distinct row (by Java equality of its values) with its count. */
    static Map<List<Object>, Integer> multiset(List<Object[]> rows) {
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.merge(Arrays.asList(row), 1, Integer::sum);
        }
        return counts;
    }
}
