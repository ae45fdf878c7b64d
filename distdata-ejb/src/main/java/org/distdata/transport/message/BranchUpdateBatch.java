package org.distdata.transport.message;

import java.util.List;
import java.util.Objects;

/**
 * Asks a partition leader to run one DML statement once per parameter row in the live
 * transaction of branch ({@code transactionId}, {@code partition}) and answer the summed
 * {@link UpdateCount}. {@code timeoutMillis} is what is left of the statement's time limit,
 * 0 for none.
 */
public record BranchUpdateBatch(String transactionId, int partition, String sql, List<List<Object>> rows,
                                long timeoutMillis) {

    public BranchUpdateBatch {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(sql, "sql");
        rows = SqlValues.copyRows(rows);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BranchUpdateBatch b && b.transactionId.equals(transactionId)
                && b.partition == partition && b.sql.equals(sql) && SqlValues.equalRows(b.rows, rows)
                && b.timeoutMillis == timeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, partition, sql, timeoutMillis) * 31 + SqlValues.hashRows(rows);
    }

    @Override
    public String toString() {
        return "BranchUpdateBatch[transactionId=" + transactionId + ", partition=" + partition + ", sql=" + sql
                + ", rows=" + rows.size() + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
