package org.distdata.sql.gateway;

import org.distdata.catalog.Catalog;
import org.distdata.partition.HashPartitioner;
import org.distdata.partition.PartitionWork;

/**
 * What a gateway table scan needs to reach the partitions: the unit of work (autocommit
 * reads or the caller's transaction), the catalog and the partitioner. Derby calls table
 * functions on the thread that runs the gateway statement, so the context travels in a
 * thread-local set around that statement.
 */
record ScanContext(PartitionWork work, Catalog catalog, HashPartitioner partitioner, int partitionCount) {
    private static final ThreadLocal<ScanContext> CURRENT = new ThreadLocal<>();

    static ScanContext current() {
        ScanContext c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException("gateway scan outside a DistData statement");
        }
        return c;
    }

    void enter() {
        CURRENT.set(this);
    }

    static void exit() {
        CURRENT.remove();
    }
}
