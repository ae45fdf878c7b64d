package org.distdata.transport.message;

import java.util.ArrayList;
import java.util.List;

import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;

/** Payloads of the query-fragment messages; SQL values go through {@link ValueCodec}. */
final class FragmentCodec {

    private FragmentCodec() {
    }

    static void write(PayloadWriter out, FragmentRequest r) {
        out.writeVarLong(r.queryId()).writeVarInt(r.fragmentId()).writeVarInt(r.partition()).writeString(r.sql());
        out.writeCount(r.parameters().size());
        for (Object p : r.parameters()) {
            ValueCodec.write(out, p);
        }
        out.writeVarInt(r.batchRows()).writeVarLong(r.timeoutMillis());
    }

    static FragmentRequest readRequest(PayloadReader in) throws FrameDecodingException {
        long queryId = in.readVarLong("queryId");
        int fragmentId = in.readVarInt("fragmentId");
        int partition = in.readVarInt("partition");
        String sql = in.readString("sql");
        List<Object> parameters = readValues(in, "parameter");
        return new FragmentRequest(queryId, fragmentId, partition, sql, parameters, in.readVarInt("batchRows"),
                in.readVarLong("timeoutMillis"));
    }

    /** Columns, then rows, each row with its own width so that a batch never depends on another. */
    static void write(PayloadWriter out, ResultBatch b) {
        out.writeVarLong(b.queryId()).writeVarInt(b.fragmentId()).writeVarInt(b.sequence());
        out.writeCount(b.columns().size());
        for (ResultBatch.ColumnInfo c : b.columns()) {
            out.writeString(c.name()).writeZigZagInt(c.sqlType());
        }
        out.writeCount(b.rows().size());
        for (List<Object> row : b.rows()) {
            out.writeCount(row.size());
            for (Object v : row) {
                ValueCodec.write(out, v);
            }
        }
        out.writeBoolean(b.last());
    }

    static ResultBatch readBatch(PayloadReader in) throws FrameDecodingException {
        long queryId = in.readVarLong("queryId");
        int fragmentId = in.readVarInt("fragmentId");
        int sequence = in.readVarInt("sequence");
        int n = in.readCount("column count", 2);
        List<ResultBatch.ColumnInfo> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new ResultBatch.ColumnInfo(in.readString("column name"), in.readZigZagInt("column type")));
        }
        int rowCount = in.readCount("row count", 1);
        List<List<Object>> rows = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            rows.add(readValues(in, "row value"));
        }
        return new ResultBatch(queryId, fragmentId, sequence, columns, rows, in.readBoolean("last"));
    }

    static void write(PayloadWriter out, FragmentError e) {
        out.writeVarLong(e.queryId()).writeVarInt(e.fragmentId()).writeString(e.code()).writeString(e.message());
    }

    static FragmentError readError(PayloadReader in) throws FrameDecodingException {
        return new FragmentError(in.readVarLong("queryId"), in.readVarInt("fragmentId"), in.readString("code"),
                in.readString("message"));
    }

    static void write(PayloadWriter out, CancelFragment c) {
        out.writeVarLong(c.queryId()).writeVarInt(c.fragmentId());
    }

    static CancelFragment readCancel(PayloadReader in) throws FrameDecodingException {
        return new CancelFragment(in.readVarLong("queryId"), in.readVarInt("fragmentId"));
    }

    private static List<Object> readValues(PayloadReader in, String field) throws FrameDecodingException {
        int n = in.readCount(field + " count", 1);
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(ValueCodec.read(in, field));
        }
        return values;
    }
}
