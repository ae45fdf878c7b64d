package org.distdata.sql.exec;

import org.distdata.relation.Relation;
import org.distdata.relation.RelationColumn;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves rows between the pieces of a distributed plan. A repartition routes each row to the
 * bucket of its key's hash, so rows with equal keys meet in the same bucket whatever Java
 * class their values arrive as (see {@link JoinKey}), and bucket i of two relations can be
 * joined alone. A gather unions the pieces at the gateway. Rows are shared, not copied.
 */
public final class Exchange {
    private Exchange() {
    }

    /** The bucket of {@code row}: its key's {@link JoinKey#hash} mod {@code buckets}; 0 for a NULL key. */
    public static int bucketOf(Object[] row, int[] keys, int buckets) {
        return JoinKey.hasNull(row, keys) ? 0 : Math.floorMod(JoinKey.hash(row, keys), buckets);
    }

    public static List<Relation> repartition(List<Relation> inputs, int[] keys, int buckets) {
        return repartition(inputs, keys, buckets, new ExchangeStats());
    }

    /**
     * Routes every row of {@code inputs} (all of one shape) to one of {@code buckets} relations
     * of that shape; within a bucket rows keep input order. Records the rows in {@code stats}.
     */
    public static List<Relation> repartition(List<Relation> inputs, int[] keys, int buckets, ExchangeStats stats) {
        if (inputs.isEmpty() || buckets < 1) {
            throw new IllegalArgumentException("a repartition needs at least one input and one bucket");
        }
        List<RelationColumn> columns = inputs.get(0).columns();
        for (Relation r : inputs) {
            if (r.width() != columns.size()) {
                throw new IllegalArgumentException("repartition inputs differ in width");
            }
        }
        for (int k : keys) {
            if (k < 0 || k >= columns.size()) {
                throw new IllegalArgumentException("repartition key column out of range");
            }
        }
        // Two passes, so that each bucket's list is allocated once at its final size.
        int[] counts = new int[buckets];
        int[][] routes = new int[inputs.size()][];
        long routed = 0;
        long moved = 0;
        for (int i = 0; i < inputs.size(); i++) {
            List<Object[]> rows = inputs.get(i).rows();
            int[] route = new int[rows.size()];
            int j = 0;
            for (Object[] row : rows) {
                int b = bucketOf(row, keys, buckets);
                route[j++] = b;
                counts[b]++;
                if (b != i) {
                    moved++;
                }
            }
            routes[i] = route;
            routed += j;
        }
        List<List<Object[]>> bucketRows = new ArrayList<>(buckets);
        for (int b = 0; b < buckets; b++) {
            bucketRows.add(new ArrayList<>(counts[b]));
        }
        for (int i = 0; i < inputs.size(); i++) {
            int[] route = routes[i];
            int j = 0;
            for (Object[] row : inputs.get(i).rows()) {
                bucketRows.get(route[j++]).add(row);
            }
        }
        stats.record(routed, moved);
        List<Relation> out = new ArrayList<>(buckets);
        for (List<Object[]> rows : bucketRows) {
            out.add(new Relation(columns, rows));
        }
        return out;
    }

    public static Relation gather(List<Relation> inputs) {
        return gather(inputs, new ExchangeStats());
    }

    /** The union of {@code inputs} (all of one shape), in input order; every row counts as moved. */
    public static Relation gather(List<Relation> inputs, ExchangeStats stats) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a gather needs at least one input");
        }
        List<RelationColumn> columns = inputs.get(0).columns();
        int total = 0;
        for (Relation r : inputs) {
            if (r.width() != columns.size()) {
                throw new IllegalArgumentException("gather inputs differ in width");
            }
            total += r.rows().size();
        }
        List<Object[]> rows = new ArrayList<>(total);
        for (Relation r : inputs) {
            rows.addAll(r.rows());
        }
        stats.record(total, total);
        return new Relation(columns, rows);
    }
}
