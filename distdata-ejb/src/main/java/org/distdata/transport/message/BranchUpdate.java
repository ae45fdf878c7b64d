package org.distdata.transport.message;

import java.util.List;
import java.util.Objects;

/**
 * Asks a partition leader to run one DML or DDL statement in the live transaction of branch
 * ({@code transactionId}, {@code partition}) and answer its {@link UpdateCount}. User values
 * travel as {@code parameters} (SQL values, see {@link ValueCodec}), never inside the SQL.
 * {@code timeoutMillis} is what is left of the client statement's time limit, 0 for none.
 */
public record BranchUpdate(String transactionId, int partition, String sql, List<Object> parameters,
                           long timeoutMillis) {

    public BranchUpdate {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(sql, "sql");
        parameters = SqlValues.copy(parameters);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BranchUpdate u && u.transactionId.equals(transactionId) && u.partition == partition
                && u.sql.equals(sql) && SqlValues.equalLists(u.parameters, parameters)
                && u.timeoutMillis == timeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, partition, sql, timeoutMillis) * 31 + SqlValues.hashList(parameters);
    }

    @Override
    public String toString() {
        return "BranchUpdate[transactionId=" + transactionId + ", partition=" + partition + ", sql=" + sql
                + ", parameters=" + SqlValues.describe(parameters) + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
