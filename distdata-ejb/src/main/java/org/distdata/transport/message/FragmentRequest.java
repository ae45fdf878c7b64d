package org.distdata.transport.message;

import java.util.List;
import java.util.Objects;

/**
 * Asks a data node to run one fragment of a distributed query against one partition and
 * stream the rows back as {@link ResultBatch}es of at most {@code batchRows} rows. The SQL
 * never holds user values: they travel as {@code parameters} (SQL values, see
 * {@link ValueCodec}; nulls allowed) and are bound by the executor. {@code timeoutMillis}
 * 0 means no limit. Parameter byte arrays are not copied.
 */
public record FragmentRequest(long queryId, int fragmentId, int partition, String sql, List<Object> parameters,
                              int batchRows, long timeoutMillis) {

    public FragmentRequest {
        parameters = SqlValues.copy(parameters);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FragmentRequest r && r.queryId == queryId && r.fragmentId == fragmentId
                && r.partition == partition && Objects.equals(r.sql, sql)
                && SqlValues.equalLists(r.parameters, parameters) && r.batchRows == batchRows
                && r.timeoutMillis == timeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(queryId, fragmentId, partition, sql, batchRows, timeoutMillis) * 31
                + SqlValues.hashList(parameters);
    }

    @Override
    public String toString() {
        return "FragmentRequest[queryId=" + queryId + ", fragmentId=" + fragmentId + ", partition=" + partition
                + ", sql=" + sql + ", parameters=" + SqlValues.describe(parameters) + ", batchRows=" + batchRows
                + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
