package org.distdata.sql;

import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.partition.PartitionExecutor;
import org.distdata.partition.RowCursor;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out hidden row ids for distributed tables without a primary key. Ids increase in
 * insertion order per table; after a restart they continue above the largest stored id.
 */
final class RowIdAllocator {
    private final PartitionExecutor partitions;
    private final Map<String, AtomicLong> next = new ConcurrentHashMap<>();

    RowIdAllocator(PartitionExecutor partitions) {
        this.partitions = partitions;
    }

    long[] allocate(TableDef table, int count) throws SQLException {
        AtomicLong counter = next.get(table.name());
        if (counter == null) {
            counter = next.computeIfAbsent(table.name(), n -> new AtomicLong(Long.MIN_VALUE));
            synchronized (counter) {
                if (counter.get() == Long.MIN_VALUE) {
                    counter.set(maxStored(table) + 1);
                }
            }
        }
        long first = counter.getAndAdd(count);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = first + i;
        }
        return ids;
    }

    void forget(String table) {
        next.remove(table);
    }

    private long maxStored(TableDef table) throws SQLException {
        long max = 0;
        String sql = "SELECT MAX(" + SqlNames.quote(TableDef.HIDDEN_ROW_ID) + ") FROM " + SqlNames.quote(table.name());
        for (int p = 0; p < partitions.partitionCount(); p++) {
            try (RowCursor c = partitions.query(p, sql, List.of())) {
                if (c.next() && c.get(0) != null) {
                    max = Math.max(max, ((Number) c.get(0)).longValue());
                }
            }
        }
        return max;
    }
}
