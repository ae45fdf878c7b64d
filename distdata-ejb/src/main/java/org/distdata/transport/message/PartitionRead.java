package org.distdata.transport.message;

import java.util.List;
import java.util.Objects;

/**
 * Asks a partition leader for a linearizable read of {@code partition} outside any
 * transaction, streamed back as {@link RowBatch}es of at most {@code batchRows} rows.
 * {@code timeoutMillis} is what is left of the statement's time limit, 0 for none.
 */
public record PartitionRead(int partition, String sql, List<Object> parameters, int batchRows, long timeoutMillis) {

    public PartitionRead {
        Objects.requireNonNull(sql, "sql");
        parameters = SqlValues.copy(parameters);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartitionRead r && r.partition == partition && r.sql.equals(sql)
                && SqlValues.equalLists(r.parameters, parameters) && r.batchRows == batchRows
                && r.timeoutMillis == timeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, sql, batchRows, timeoutMillis) * 31 + SqlValues.hashList(parameters);
    }

    @Override
    public String toString() {
        return "PartitionRead[partition=" + partition + ", sql=" + sql + ", parameters="
                + SqlValues.describe(parameters) + ", batchRows=" + batchRows + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
