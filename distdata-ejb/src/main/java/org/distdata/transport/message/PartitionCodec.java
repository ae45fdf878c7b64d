package org.distdata.transport.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.FrameDecodingException.Reason;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;

/**
 * Payloads of the partition service messages: branch statements, streamed rows, commit and
 * rollback, and the three failure messages. SQL values go through {@link ValueCodec}.
 */
final class PartitionCodec {

    private PartitionCodec() {
    }

    static void write(PayloadWriter out, BranchUpdate u) {
        out.writeString(u.transactionId()).writeVarInt(u.partition()).writeString(u.sql());
        writeValues(out, u.parameters());
        out.writeVarLong(u.timeoutMillis());
    }

    static BranchUpdate readUpdate(PayloadReader in) throws FrameDecodingException {
        return new BranchUpdate(in.readRequiredString("transactionId"), in.readVarInt("partition"),
                in.readRequiredString("sql"), readValues(in, "parameter"), in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, BranchUpdateBatch b) {
        out.writeString(b.transactionId()).writeVarInt(b.partition()).writeString(b.sql());
        writeRows(out, b.rows());
        out.writeVarLong(b.timeoutMillis());
    }

    static BranchUpdateBatch readUpdateBatch(PayloadReader in) throws FrameDecodingException {
        return new BranchUpdateBatch(in.readRequiredString("transactionId"), in.readVarInt("partition"),
                in.readRequiredString("sql"), readRows(in), in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, UpdateCount c) {
        out.writeVarLong(c.count());
    }

    static UpdateCount readUpdateCount(PayloadReader in) throws FrameDecodingException {
        return new UpdateCount(in.readVarLong("count"));
    }

    static void write(PayloadWriter out, BranchQuery q) {
        out.writeString(q.transactionId()).writeVarInt(q.partition()).writeString(q.sql());
        writeValues(out, q.parameters());
        out.writeVarInt(q.batchRows()).writeVarLong(q.timeoutMillis());
    }

    static BranchQuery readQuery(PayloadReader in) throws FrameDecodingException {
        return new BranchQuery(in.readRequiredString("transactionId"), in.readVarInt("partition"),
                in.readRequiredString("sql"), readValues(in, "parameter"), in.readVarInt("batchRows"),
                in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, PartitionRead r) {
        out.writeVarInt(r.partition()).writeString(r.sql());
        writeValues(out, r.parameters());
        out.writeVarInt(r.batchRows()).writeVarLong(r.timeoutMillis());
    }

    static PartitionRead readRead(PayloadReader in) throws FrameDecodingException {
        return new PartitionRead(in.readVarInt("partition"), in.readRequiredString("sql"), readValues(in, "parameter"),
                in.readVarInt("batchRows"), in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, RowBatch b) {
        out.writeCount(b.columns().size());
        for (RowBatch.Column c : b.columns()) {
            out.writeString(c.name()).writeString(c.type()).writeString(c.ddlType());
        }
        writeRows(out, b.rows());
    }

    static RowBatch readRowBatch(PayloadReader in) throws FrameDecodingException {
        int n = in.readCount("column count", 3);
        List<RowBatch.Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new RowBatch.Column(in.readRequiredString("column name"), in.readRequiredString("column type"),
                    in.readRequiredString("column DDL type")));
        }
        return new RowBatch(columns, readRows(in));
    }

    static void write(PayloadWriter out, BranchCommit c) {
        out.writeString(c.transactionId()).writeVarInt(c.partition()).writeBoolean(c.recordOutcome())
                .writeVarLong(c.timeoutMillis());
    }

    static BranchCommit readCommit(PayloadReader in) throws FrameDecodingException {
        return new BranchCommit(in.readRequiredString("transactionId"), in.readVarInt("partition"),
                in.readBoolean("recordOutcome"), in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, TxnPrepare p) {
        out.writeString(p.transactionId()).writeVarInt(p.partition()).writeVarInt(p.home())
                .writeVarLong(p.timeoutMillis());
    }

    static TxnPrepare readPrepare(PayloadReader in) throws FrameDecodingException {
        return new TxnPrepare(in.readRequiredString("transactionId"), in.readVarInt("partition"),
                in.readVarInt("home"), in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, TxnDecide d) {
        out.writeString(d.transactionId()).writeVarInt(d.home()).writeBoolean(d.commit())
                .writeVarLong(d.timeoutMillis());
    }

    static TxnDecide readDecide(PayloadReader in) throws FrameDecodingException {
        return new TxnDecide(in.readRequiredString("transactionId"), in.readVarInt("home"),
                in.readBoolean("commit"), in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, TxnFinish f) {
        out.writeString(f.transactionId()).writeVarInt(f.partition()).writeBoolean(f.commit())
                .writeVarLong(f.timeoutMillis());
    }

    static TxnFinish readFinish(PayloadReader in) throws FrameDecodingException {
        return new TxnFinish(in.readRequiredString("transactionId"), in.readVarInt("partition"),
                in.readBoolean("commit"), in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, BranchRollback r) {
        out.writeString(r.transactionId()).writeVarInt(r.partition()).writeVarLong(r.timeoutMillis());
    }

    static BranchRollback readRollback(PayloadReader in) throws FrameDecodingException {
        return new BranchRollback(in.readRequiredString("transactionId"), in.readVarInt("partition"),
                in.readVarLong("timeoutMillis"));
    }

    static void write(PayloadWriter out, SqlFailure f) {
        out.writeCount(f.chain().size());
        for (SqlFailure.Link link : f.chain()) {
            out.writeString(link.sqlState()).writeZigZagInt(link.vendorCode()).writeString(link.message());
        }
    }

    static SqlFailure readSqlFailure(PayloadReader in) throws FrameDecodingException {
        int at = in.offset();
        int n = in.readCount("exception count", 3);
        if (n == 0) {
            throw new FrameDecodingException(Reason.BAD_VALUE, "exception count at offset " + at
                    + ": an SQL failure holds at least one exception");
        }
        List<SqlFailure.Link> chain = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chain.add(new SqlFailure.Link(in.readString("sqlState"), in.readZigZagInt("vendorCode"),
                    in.readString("message")));
        }
        return new SqlFailure(chain);
    }

    static void write(PayloadWriter out, EngineFailure f) {
        out.writeString(f.code()).writeString(f.detail());
        out.writeCount(f.extensions().size());
        for (Map.Entry<String, Object> e : f.extensions().entrySet()) {
            out.writeString(e.getKey());
            ValueCodec.write(out, e.getValue());
        }
    }

    static EngineFailure readEngineFailure(PayloadReader in) throws FrameDecodingException {
        String code = in.readRequiredString("code");
        String detail = in.readString("detail");
        int n = in.readCount("extension count", 2);
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int at = in.offset();
            String name = in.readRequiredString("extension name");
            if (extensions.containsKey(name)) {
                throw new FrameDecodingException(Reason.BAD_VALUE, "extension name at offset " + at
                        + ": " + name + " appears twice");
            }
            extensions.put(name, ValueCodec.read(in, "extension value"));
        }
        return new EngineFailure(code, detail, extensions);
    }

    static void write(PayloadWriter out, NotLeader n) {
        out.writeVarInt(n.partition()).writeVarLong(n.leaderHint());
    }

    static NotLeader readNotLeader(PayloadReader in) throws FrameDecodingException {
        return new NotLeader(in.readVarInt("partition"), in.readVarLong("leaderHint"));
    }

    private static void writeValues(PayloadWriter out, List<Object> values) {
        out.writeCount(values.size());
        for (Object v : values) {
            ValueCodec.write(out, v);
        }
    }

    private static List<Object> readValues(PayloadReader in, String field) throws FrameDecodingException {
        int n = in.readCount(field + " count", 1);
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(ValueCodec.read(in, field));
        }
        return values;
    }

    /** Each row with its own width, as in {@code RESULT_BATCH}. */
    private static void writeRows(PayloadWriter out, List<List<Object>> rows) {
        out.writeCount(rows.size());
        for (List<Object> row : rows) {
            writeValues(out, row);
        }
    }

    private static List<List<Object>> readRows(PayloadReader in) throws FrameDecodingException {
        int n = in.readCount("row count", 1);
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(readValues(in, "row value"));
        }
        return rows;
    }
}
