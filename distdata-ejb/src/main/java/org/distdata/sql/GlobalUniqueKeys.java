package org.distdata.sql;

import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.PartitionWork;
import org.distdata.partition.RowCursor;
import org.distdata.partition.TableShape;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Enforces unique keys that leave out the distribution column, which no single partition's
 * index can: before rows are inserted, it rejects duplicates among the new rows and probes
 * the other partitions for stored equal keys. The probes run inside the inserting
 * transaction at SERIALIZABLE, so their range locks keep a concurrent insert of the same key
 * out until commit (one of two racing inserts then fails with a lock conflict, never both
 * succeed).
 */
final class GlobalUniqueKeys {
    private static final int KEYS_PER_PROBE = 50;

    private GlobalUniqueKeys() {
    }

    static void check(TableDef table, List<String> columnNames, Map<Integer, List<List<Object>>> byPartition,
                      PartitionWork work, int partitionCount) throws SQLException {
        for (TableShape.UniqueKey key : table.globalUniqueKeys()) {
            int[] idx = key.columns().stream().mapToInt(columnNames::indexOf).toArray();
            if (java.util.Arrays.stream(idx).anyMatch(i -> i < 0)) {
                continue; // a key column left to its default (NULL): NULLs never collide here
            }
            Map<List<Object>, Integer> seen = new HashMap<>();
            for (var e : byPartition.entrySet()) {
                for (List<Object> row : e.getValue()) {
                    List<Object> k = new ArrayList<>(idx.length);
                    for (int i : idx) {
                        k.add(row.get(i));
                    }
                    if (k.contains(null)) {
                        continue;
                    }
                    if (seen.putIfAbsent(k, e.getKey()) != null) {
                        throw duplicate(key, table);
                    }
                }
            }
            for (int p = 0; p < partitionCount; p++) {
                int partition = p;
                List<List<Object>> elsewhere = seen.entrySet().stream().filter(en -> en.getValue() != partition)
                        .map(Map.Entry::getKey).toList();
                for (int from = 0; from < elsewhere.size(); from += KEYS_PER_PROBE) {
                    if (anyStored(table, key, elsewhere.subList(from, Math.min(elsewhere.size(), from + KEYS_PER_PROBE)),
                            partition, work)) {
                        throw duplicate(key, table);
                    }
                }
            }
        }
    }

    private static boolean anyStored(TableDef table, TableShape.UniqueKey key, List<List<Object>> keys, int partition,
                                     PartitionWork work) throws SQLException {
        String one = key.columns().stream().map(c -> SqlNames.quote(c) + " = ?")
                .collect(Collectors.joining(" AND ", "(", ")"));
        String where = keys.stream().map(k -> one).collect(Collectors.joining(" OR "));
        List<Object> params = new ArrayList<>();
        keys.forEach(params::addAll);
        String sql = "SELECT 1 FROM " + SqlNames.quote(table.name()) + " WHERE " + where + " FETCH FIRST 1 ROWS ONLY";
        try (RowCursor c = work.query(partition, sql, params)) {
            return c.next();
        }
    }

    static DistDataException duplicate(TableShape.UniqueKey key, TableDef table) {
        return new DistDataException(ErrorCode.CONSTRAINT_VIOLATION, "The statement was aborted because it would "
                + "have caused a duplicate key value in a unique or primary key constraint or unique index identified "
                + "by '" + key.indexName() + "' defined on '" + table.name() + "'.");
    }
}
