package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;
import org.distdata.storage.wal.WalRecord.HardState;
import org.distdata.storage.wal.WalRecord.SnapshotMark;
import org.distdata.storage.wal.WalRecord.Truncate;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {
    private static final int MAX = 1 << 20;

    @Test
    void everyRecordTypeRoundTrips() {
        List<WalRecord> records = List.of(
                new Entry(7, 42, 3, (byte) 9, new byte[]{1, 2, 3}),
                new Entry(-1, Long.MAX_VALUE, Long.MIN_VALUE, (byte) -1, new byte[0]),
                new HardState(7, 3, 2, 41),
                new Truncate(7, 40),
                new SnapshotMark(7, 30, 2),
                new SnapshotMark(0, 31, 2, new byte[]{4, 5}));
        for (WalRecord record : records) {
            byte[] bytes = RecordCodec.encode(record, MAX);
            assertThat(RecordCodec.decode(bytes, 0, bytes.length, MAX))
                    .isEqualTo(new RecordCodec.Valid(record, bytes.length));
        }
    }

    @Test
    void recordIsLengthThenCrc32cOverTypeAndBodyThenTypeThenBigEndianBody() {
        byte[] bytes = RecordCodec.encode(new Truncate(0x0102030405060708L, 5), MAX);

        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertThat(bytes).hasSize(8 + 1 + 16);
        assertThat(b.getInt(0)).isEqualTo(17);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 8, 17);
        assertThat(b.getInt(4)).isEqualTo((int) crc.getValue());
        assertThat(bytes[8]).isEqualTo(RecordCodec.TRUNCATE);
        assertThat(bytes[9]).isEqualTo((byte) 0x01);
        assertThat(b.getLong(17)).isEqualTo(5);
    }

    @Test
    void recordLargerThanTheMaximumIsRejected() {
        assertThatThrownBy(() -> RecordCodec.encode(new Entry(1, 1, 1, (byte) 0, new byte[100]), 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the maximum of 64");
    }

    @Test
    void lengthAboveTheMaximumIsDamagedWithoutReadingFurther() {
        byte[] bytes = RecordCodec.encode(new Truncate(1, 1), MAX);
        ByteBuffer.wrap(bytes).putInt(0, -1);

        assertThat(RecordCodec.decode(bytes, 0, bytes.length, MAX))
                .isEqualTo(new RecordCodec.Damaged("record length 4294967295 outside 1.." + MAX));
    }

    @Test
    void unknownTypeWithMatchingCrcIsMalformedNotDamaged() {
        byte[] bytes = withType(RecordCodec.encode(new Truncate(1, 1), MAX), (byte) 0x7f);

        assertThat(RecordCodec.decode(bytes, 0, bytes.length, MAX))
                .isEqualTo(new RecordCodec.Malformed("unknown record type 0x7f"));
    }

    /** Rewrites the type byte and the CRC, as a writer of another format would. */
    static byte[] withType(byte[] record, byte type) {
        record[8] = type;
        CRC32C crc = new CRC32C();
        crc.update(record, 8, record.length - 8);
        ByteBuffer.wrap(record).putInt(4, (int) crc.getValue());
        return record;
    }
}
