package org.distdata.replication.partition;

import java.util.ArrayList;
import java.util.List;

import org.distdata.transport.codec.FrameDecodingException;
import org.distdata.transport.codec.PayloadReader;
import org.distdata.transport.codec.PayloadWriter;
import org.distdata.transport.message.ValueCodec;

/**
 * The bytes of a {@link PartitionCommand} in a partition's Raft log: a format version, a
 * kind, then the command's fields with the transport's varint and SQL-value encodings. A log
 * outlives the code that wrote it, so the version byte comes first and an unknown one is
 * refused, never guessed at.
 */
public final class PartitionCommandCodec {

    private static final int VERSION = 1;
    private static final int COMMIT = 1;
    private static final int CHECKSUM = 2;
    private static final int PREPARE = 3;
    private static final int DECIDE = 4;
    private static final int FINISH = 5;
    private static final int RECORDED_COMMIT = 6;

    private PartitionCommandCodec() {
    }

    public static byte[] encode(PartitionCommand command) {
        PayloadWriter out = new PayloadWriter(256);
        out.writeUnsignedByte(VERSION);
        if (command instanceof PartitionCommand.Commit commit && commit.recordedAs() != null) {
            out.writeUnsignedByte(RECORDED_COMMIT);
            out.writeString(commit.recordedAs());
            writeWriteSet(out, commit.writes());
        } else if (command instanceof PartitionCommand.Commit commit) {
            out.writeUnsignedByte(COMMIT);
            writeWriteSet(out, commit.writes());
        } else if (command instanceof PartitionCommand.Checksum checksum) {
            out.writeUnsignedByte(CHECKSUM);
            out.writeVarLong(checksum.checkId());
        } else if (command instanceof PartitionCommand.Prepare prepare) {
            out.writeUnsignedByte(PREPARE);
            out.writeString(prepare.transactionId());
            out.writeVarInt(prepare.home());
            writeWriteSet(out, prepare.writes());
        } else if (command instanceof PartitionCommand.Decide decide) {
            out.writeUnsignedByte(DECIDE);
            out.writeString(decide.transactionId());
            out.writeBoolean(decide.commit());
        } else if (command instanceof PartitionCommand.Finish finish) {
            out.writeUnsignedByte(FINISH);
            out.writeString(finish.transactionId());
            out.writeBoolean(finish.commit());
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a command this version knows */
    public static PartitionCommand decode(byte[] bytes) {
        try {
            PayloadReader in = new PayloadReader(bytes);
            int version = in.readUnsignedByte("version");
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown partition command format version " + version);
            }
            int kind = in.readUnsignedByte("kind");
            PartitionCommand command = switch (kind) {
                case COMMIT -> new PartitionCommand.Commit(readWriteSet(in));
                case RECORDED_COMMIT -> new PartitionCommand.Commit(in.readRequiredString("transactionId"),
                        readWriteSet(in));
                case CHECKSUM -> new PartitionCommand.Checksum(in.readVarLong("checkId"));
                case PREPARE -> new PartitionCommand.Prepare(in.readRequiredString("transactionId"),
                        in.readVarInt("home"), readWriteSet(in));
                case DECIDE -> new PartitionCommand.Decide(in.readRequiredString("transactionId"),
                        in.readBoolean("outcome"));
                case FINISH -> new PartitionCommand.Finish(in.readRequiredString("transactionId"),
                        in.readBoolean("outcome"));
                default -> throw new IllegalArgumentException("unknown partition command kind " + kind);
            };
            in.expectEnd("partition command");
            return command;
        } catch (FrameDecodingException e) {
            throw new IllegalArgumentException("malformed partition command: " + e.getMessage(), e);
        }
    }

    private static void writeWriteSet(PayloadWriter out, WriteSet ws) {
        out.writeVarLong(ws.proposalId().node()).writeFixed64(ws.proposalId().incarnation())
                .writeVarLong(ws.proposalId().sequence());
        out.writeCount(ws.statements().size());
        for (WriteSet.Statement s : ws.statements()) {
            out.writeUnsignedByte(s.kind().ordinal());
            out.writeString(s.sql());
            out.writeVarLong(s.updateCount());
            out.writeCount(s.rows().size());
            for (List<Object> row : s.rows()) {
                out.writeCount(row.size());
                for (Object v : row) {
                    ValueCodec.write(out, v);
                }
            }
        }
    }

    private static WriteSet readWriteSet(PayloadReader in) throws FrameDecodingException {
        ProposalId id = new ProposalId(in.readVarLong("node"), in.readFixed64("incarnation"),
                in.readVarLong("sequence"));
        int n = in.readCount("statements", 3);
        List<WriteSet.Statement> statements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int kind = in.readCode("statement kind", WriteSet.Kind.values().length);
            String sql = in.readRequiredString("sql");
            long count = in.readVarLong("updateCount");
            int rowCount = in.readCount("rows", 1);
            List<List<Object>> rows = new ArrayList<>(rowCount);
            for (int r = 0; r < rowCount; r++) {
                int width = in.readCount("values", 1);
                List<Object> row = new ArrayList<>(width);
                for (int c = 0; c < width; c++) {
                    row.add(ValueCodec.read(in, "value"));
                }
                rows.add(row);
            }
            statements.add(new WriteSet.Statement(WriteSet.Kind.values()[kind], sql, rows, count));
        }
        return new WriteSet(id, statements);
    }
}
