package org.distdata.transport.message;

import java.util.List;
import java.util.Objects;

/**
 * One batch of the rows a fragment produced, numbered from 0 by {@code sequence}. The first
 * batch names the columns; later batches leave {@code columns} empty. {@code last} marks the
 * final batch (its frame also carries {@code STREAM_END}). Row values are SQL values (see
 * {@link ValueCodec}), nulls allowed; byte arrays are not copied.
 */
public record ResultBatch(long queryId, int fragmentId, int sequence, List<ColumnInfo> columns,
                          List<List<Object>> rows, boolean last) {

    /**
     * Name and JDBC type code ({@link java.sql.Types}) of one result column. Not to be
     * confused with {@code org.distdata.relation.ColumnInfo}, which carries Derby's type name.
     */
    public record ColumnInfo(String name, int sqlType) {
    }

    public ResultBatch {
        columns = List.copyOf(columns);
        rows = SqlValues.copyRows(rows);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResultBatch b && b.queryId == queryId && b.fragmentId == fragmentId
                && b.sequence == sequence && b.columns.equals(columns) && SqlValues.equalRows(b.rows, rows)
                && b.last == last;
    }

    @Override
    public int hashCode() {
        return Objects.hash(queryId, fragmentId, sequence, columns, last) * 31 + SqlValues.hashRows(rows);
    }

    @Override
    public String toString() {
        return "ResultBatch[queryId=" + queryId + ", fragmentId=" + fragmentId + ", sequence=" + sequence
                + ", columns=" + columns + ", rows=" + rows.size() + ", last=" + last + "]";
    }
}
