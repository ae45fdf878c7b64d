package org.distdata.sql.gateway;

import org.distdata.catalog.Catalog;
import org.distdata.partition.HashPartitioner;
import org.distdata.partition.PartitionWork;
import org.distdata.relation.Relation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a gateway table scan needs to reach the partitions: the unit of work (autocommit
 * reads or the caller's transaction), the catalog and the partitioner. Derby calls table
 * functions on the thread that runs the gateway statement, so the context travels in a
 * thread-local set around that statement. It also keeps the statement's complete scans,
 * so that re-scans of a join's inner table replay them (a statement reads one snapshot of
 * each fragment, which is also what read committed per partition promises). A final stage over
 * rows gathered at the gateway also finds those rows here, by key, for {@link RelationScan}.
 */
record ScanContext(PartitionWork work, Catalog catalog, HashPartitioner partitioner, int partitionCount,
                   Map<String, List<Object[]>> materializedScans, Map<String, Relation> relations) {
    /** Largest scan result kept for replay within one statement. */
    static final int MAX_MATERIALIZED_ROWS = 1_000_000;
    private static final ThreadLocal<ScanContext> CURRENT = new ThreadLocal<>();

    ScanContext(PartitionWork work, Catalog catalog, HashPartitioner partitioner, int partitionCount) {
        this(work, catalog, partitioner, partitionCount, new HashMap<>(), Map.of());
    }

    ScanContext(PartitionWork work, Catalog catalog, HashPartitioner partitioner, int partitionCount,
                Map<String, Relation> relations) {
        this(work, catalog, partitioner, partitionCount, new HashMap<>(), Map.copyOf(relations));
    }

    /** The gathered relation the statement calls {@code key}, or null. */
    Relation relation(String key) {
        return relations.get(key);
    }

    /** A complete earlier pass of the same fragment in this statement, or null. */
    List<Object[]> materialized(String key) {
        return materializedScans.get(key);
    }

    void materialize(String key, List<Object[]> rows) {
        materializedScans.put(key, rows);
    }

    static ScanContext current() {
        ScanContext c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException("gateway scan outside a DistData statement");
        }
        return c;
    }

    /** The context of the statement running on this thread, or null outside one. */
    static ScanContext currentOrNull() {
        return CURRENT.get();
    }

    void enter() {
        CURRENT.set(this);
    }

    static void exit() {
        CURRENT.remove();
    }
}
