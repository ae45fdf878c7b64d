package org.distdata.transport.message;

import java.util.List;
import java.util.Objects;

/**
 * Asks a partition leader to run a query inside branch ({@code transactionId},
 * {@code partition}), under its locks, and stream the rows back as {@link RowBatch}es of at
 * most {@code batchRows} rows. {@code timeoutMillis} is what is left of the statement's time
 * limit, 0 for none.
 */
public record BranchQuery(String transactionId, int partition, String sql, List<Object> parameters, int batchRows,
                          long timeoutMillis) {

    public BranchQuery {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(sql, "sql");
        parameters = SqlValues.copy(parameters);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BranchQuery q && q.transactionId.equals(transactionId) && q.partition == partition
                && q.sql.equals(sql) && SqlValues.equalLists(q.parameters, parameters) && q.batchRows == batchRows
                && q.timeoutMillis == timeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, partition, sql, batchRows, timeoutMillis) * 31
                + SqlValues.hashList(parameters);
    }

    @Override
    public String toString() {
        return "BranchQuery[transactionId=" + transactionId + ", partition=" + partition + ", sql=" + sql
                + ", parameters=" + SqlValues.describe(parameters) + ", batchRows=" + batchRows
                + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
