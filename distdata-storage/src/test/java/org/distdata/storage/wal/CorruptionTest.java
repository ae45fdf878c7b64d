package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Truncate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.distdata.storage.wal.WalFiles.NO_FSYNC;
import static org.distdata.storage.wal.WalFiles.entry;

/**
 * Damage a crash cannot explain is refused, never skipped: the open fails with the file,
 * the offset and the problem, and leaves the files as they were.
 */
class CorruptionTest {
    @TempDir
    Path dir;
    private Path first;

    @BeforeEach
    void writeLog() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            for (int i = 1; i <= 5; i++) {
                log.appendAndSync(List.of(entry(1, i, 1, "payload-" + i)));
            }
        }
        first = WalFiles.segment(dir, 1);
    }

    /** Every bit of the middle record; in the other earlier records, one seeded bit per byte. */
    @Test
    void bitFlipInEveryByteOfAnEarlierRecordIsRefusedAndLeavesTheFilesAlone() throws IOException {
        List<Integer> offsets = WalFiles.recordOffsets(first);
        Random random = new Random(42);
        int middle = offsets.size() / 2;
        for (int r = 0; r < offsets.size() - 1; r++) {
            for (int at = offsets.get(r); at < offsets.get(r + 1); at++) {
                if (r == middle) {
                    for (int bit = 0; bit < 8; bit++) {
                        assertFlipIsRefused(offsets.get(r), at, bit);
                    }
                } else {
                    assertFlipIsRefused(offsets.get(r), at, random.nextInt(8));
                }
            }
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            assertThat(log.recovered().get(1L).entries()).hasSize(5);
        }
    }

    private void assertFlipIsRefused(int recordStart, int at, int bit) throws IOException {
        WalFiles.flipBit(first, at, bit);
        Map<String, String> damaged = WalFiles.contents(dir);

        WalCorruptionException e = refusedOpen();
        assertThat(e.file()).isEqualTo(first);
        assertThat(e.offset()).as("flip of bit %d at %d", bit, at).isEqualTo(recordStart);
        assertThat(e).hasMessageContaining(first.toString())
                .hasMessageContaining("at byte offset " + recordStart + ":")
                .hasMessageContaining("a valid record follows");
        assertThat(WalFiles.contents(dir)).isEqualTo(damaged);

        WalFiles.flipBit(first, at, bit);
    }

    @Test
    void bitFlipInTheLastRecordOfAnOlderSegmentIsRefused() throws IOException {
        appendInANewSegment();
        List<Integer> offsets = WalFiles.recordOffsets(first);
        int last = offsets.get(offsets.size() - 1);
        WalFiles.flipBit(first, Files.size(first) - 1, 0);

        assertThat(refusedOpen()).hasMessageContaining(first + " at byte offset " + last + ": CRC mismatch")
                .hasMessageContaining("later segments exist");
    }

    @Test
    void olderSegmentCutShortIsRefused() throws IOException {
        appendInANewSegment();
        long size = Files.size(first);
        try (FileChannel c = FileChannel.open(first, StandardOpenOption.WRITE)) {
            c.truncate(size - 1);
        }

        assertThat(refusedOpen()).hasMessageContaining("incomplete record").hasMessageContaining("later segments exist");
    }

    @Test
    void lengthFieldAboveTheMaximumInAnEarlierRecordIsRefused() throws IOException {
        int second = WalFiles.recordOffsets(first).get(1);
        WalFiles.update(first, data -> ByteBuffer.wrap(data).putInt(second, -1));

        WalCorruptionException e = refusedOpen();
        assertThat(e.offset()).isEqualTo(second);
        assertThat(e).hasMessageContaining("record length 4294967295 outside 1..");
    }

    @Test
    void recordWithMatchingCrcButUnknownTypeIsRefusedEvenAtTheTail() throws IOException {
        long end = Files.size(first);
        byte[] foreign = RecordCodecTest.withType(RecordCodec.encode(new Truncate(1, 1), 1024), (byte) 0x7f);
        Files.write(first, foreign, StandardOpenOption.APPEND);

        WalCorruptionException e = refusedOpen();
        assertThat(e.offset()).isEqualTo(end);
        assertThat(e).hasMessageContaining("unknown record type 0x7f; its CRC matches");
    }

    @Test
    void missingSegmentInTheMiddleIsRefused() throws IOException {
        appendInANewSegment();
        appendInANewSegment();
        Files.delete(WalFiles.segment(dir, 2));

        assertThat(refusedOpen()).hasMessageContaining("segment file missing between wal-0000000000000001.log and wal-0000000000000003.log");
    }

    private void appendInANewSegment() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            log.appendAndSync(List.of(entry(2, 1, 1, "in a later segment")));
        }
    }

    private WalCorruptionException refusedOpen() {
        WalCorruptionException e = catchThrowableOfType(() -> WriteAheadLog.open(dir, NO_FSYNC), WalCorruptionException.class);
        assertThat(e).as("open refused").isNotNull();
        return e;
    }
}
