package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;
import org.distdata.storage.wal.WalRecord.HardState;
import org.distdata.storage.wal.WalRecord.SnapshotMark;
import org.distdata.storage.wal.WalRecord.Truncate;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Turns {@link WalRecord}s into their bytes on disk and back. A record is
 * {@code [u32 length][u32 crc][u8 type][body]}: all integers are fixed-width big-endian,
 * {@code length} counts the type byte and the body, and the CRC32C covers exactly those
 * {@code length} bytes. Bodies: Entry (1) = group, index, term (i64 each), entry type
 * (u8), payload (the rest); HardState (2) = group, term, vote, commit; Truncate (3) =
 * group, fromIndex; SnapshotMark (4) = group, index, term, context
 * (the rest; absent in marks written before it existed).
 */
final class RecordCodec {
    /** Length and CRC, the part of a record its CRC does not cover. */
    static final int FRAME_BYTES = 8;

    static final byte ENTRY = 1;
    static final byte HARD_STATE = 2;
    static final byte TRUNCATE = 3;
    static final byte SNAPSHOT_MARK = 4;

    private static final int ENTRY_FIXED_BODY = 3 * Long.BYTES + 1;
    private static final int HARD_STATE_BODY = 4 * Long.BYTES;
    private static final int TRUNCATE_BODY = 2 * Long.BYTES;
    private static final int SNAPSHOT_MARK_BODY = 3 * Long.BYTES;

    private RecordCodec() {
    }

    /** What a position in a segment holds. */
    sealed interface Decoded {
    }

    /** A record whose frame and checksum are intact and whose body makes sense. */
    record Valid(WalRecord record, int size) implements Decoded {
    }

    /**
     * Bytes that cannot be checked: cut short, an impossible length, or a CRC mismatch.
     * This is what a write interrupted by a crash looks like.
     */
    record Damaged(String problem) implements Decoded {
    }

    /**
     * A record whose CRC matches but whose content is not one we know. A crash does not
     * produce this (a torn write fails the CRC), so it is never mistaken for a torn tail.
     */
    record Malformed(String problem) implements Decoded {
    }

    static byte[] encode(WalRecord record, int maxRecordBytes) {
        int length = 1 + bodySize(record);
        if (length > maxRecordBytes) {
            throw new IllegalArgumentException("record of " + length + " bytes exceeds the maximum of "
                    + maxRecordBytes + ": " + record);
        }
        ByteBuffer b = ByteBuffer.allocate(FRAME_BYTES + length);
        b.putInt(length).putInt(0);
        if (record instanceof Entry e) {
            b.put(ENTRY).putLong(e.group()).putLong(e.index()).putLong(e.term()).put(e.type()).put(e.payload());
        } else if (record instanceof HardState h) {
            b.put(HARD_STATE).putLong(h.group()).putLong(h.term()).putLong(h.vote()).putLong(h.commit());
        } else if (record instanceof Truncate t) {
            b.put(TRUNCATE).putLong(t.group()).putLong(t.fromIndex());
        } else if (record instanceof SnapshotMark s) {
            b.put(SNAPSHOT_MARK).putLong(s.group()).putLong(s.index()).putLong(s.term()).put(s.context());
        }
        byte[] bytes = b.array();
        b.putInt(Integer.BYTES, crc(bytes, FRAME_BYTES, length));
        return bytes;
    }

    private static int bodySize(WalRecord record) {
        if (record instanceof Entry e) {
            return ENTRY_FIXED_BODY + e.payload().length;
        } else if (record instanceof HardState) {
            return HARD_STATE_BODY;
        } else if (record instanceof Truncate) {
            return TRUNCATE_BODY;
        } else {
            return SNAPSHOT_MARK_BODY + ((SnapshotMark) record).context().length;
        }
    }

    /** Decodes the record starting at {@code offset}; {@code end} is where the data stops. */
    static Decoded decode(byte[] data, int offset, int end, int maxRecordBytes) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int available = end - offset;
        if (available < FRAME_BYTES) {
            return new Damaged("incomplete record header (" + available + " of " + FRAME_BYTES + " bytes)");
        }
        long length = Integer.toUnsignedLong(b.getInt(offset));
        if (length < 1 || length > maxRecordBytes) {
            return new Damaged("record length " + length + " outside 1.." + maxRecordBytes);
        }
        if (length > available - FRAME_BYTES) {
            return new Damaged("incomplete record (length " + length + ", only "
                    + (available - FRAME_BYTES) + " bytes follow the header)");
        }
        int stored = b.getInt(offset + Integer.BYTES);
        int computed = crc(data, offset + FRAME_BYTES, (int) length);
        if (stored != computed) {
            return new Damaged(String.format("CRC mismatch (stored %08x, computed %08x)", stored, computed));
        }
        return parseBody(b, offset + FRAME_BYTES, (int) length);
    }

    private static Decoded parseBody(ByteBuffer b, int at, int length) {
        byte type = b.get(at);
        int body = length - 1;
        int p = at + 1;
        int size = FRAME_BYTES + length;
        switch (type) {
            case ENTRY:
                if (body < ENTRY_FIXED_BODY) {
                    return wrongSize("Entry", body, ENTRY_FIXED_BODY + " or more");
                }
                byte[] payload = Arrays.copyOfRange(b.array(), p + ENTRY_FIXED_BODY, at + length);
                return new Valid(new Entry(b.getLong(p), b.getLong(p + 8), b.getLong(p + 16), b.get(p + 24), payload), size);
            case HARD_STATE:
                if (body != HARD_STATE_BODY) {
                    return wrongSize("HardState", body, String.valueOf(HARD_STATE_BODY));
                }
                return new Valid(new HardState(b.getLong(p), b.getLong(p + 8), b.getLong(p + 16), b.getLong(p + 24)), size);
            case TRUNCATE:
                if (body != TRUNCATE_BODY) {
                    return wrongSize("Truncate", body, String.valueOf(TRUNCATE_BODY));
                }
                return new Valid(new Truncate(b.getLong(p), b.getLong(p + 8)), size);
            case SNAPSHOT_MARK:
                if (body < SNAPSHOT_MARK_BODY) {
                    return wrongSize("SnapshotMark", body, SNAPSHOT_MARK_BODY + " or more");
                }
                byte[] context = Arrays.copyOfRange(b.array(), p + SNAPSHOT_MARK_BODY, at + length);
                return new Valid(new SnapshotMark(b.getLong(p), b.getLong(p + 8), b.getLong(p + 16), context), size);
            default:
                return new Malformed(String.format("unknown record type 0x%02x", type));
        }
    }

    private static Malformed wrongSize(String type, int body, String expected) {
        return new Malformed(type + " body of " + body + " bytes, expected " + expected);
    }

    private static int crc(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }
}
