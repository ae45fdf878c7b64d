package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;
import org.distdata.storage.wal.WalRecord.HardState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distdata.storage.wal.WalFiles.NO_FSYNC;
import static org.distdata.storage.wal.WalFiles.entry;

/**
 * A crash during a write leaves the last record of the last segment cut short or full of
 * whatever the disk had: recovery cuts it off and keeps everything before it.
 */
class TornTailTest {
    private static final Entry LAST = entry(2, 3, 1, "the last record, ending in non-zero bytes ZZZZ");

    // Each cut logs a warning; hundreds of them would bury the build output. Held so it is not collected.
    private static final Logger WRITER_LOG = Logger.getLogger(SegmentWriter.class.getName());

    @TempDir
    Path dir;
    private Path base;
    private Path segment;
    private int lastOffset;
    private int lastLength;

    @BeforeAll
    static void quietTornTailWarnings() {
        WRITER_LOG.setLevel(Level.SEVERE);
    }

    @AfterAll
    static void restoreWarnings() {
        WRITER_LOG.setLevel(null);
    }

    @BeforeEach
    void writeLog() throws IOException {
        base = dir.resolve("base");
        try (WriteAheadLog log = WriteAheadLog.open(base, NO_FSYNC)) {
            log.appendAndSync(List.of(entry(1, 1, 1, "one"), entry(1, 2, 1, "two"), new HardState(1, 1, 1, 2)));
            log.appendAndSync(List.of(entry(1, 3, 1, "three"), entry(2, 1, 1, "a")));
            log.appendAndSync(List.of(entry(2, 2, 1, "b"), LAST));
        }
        segment = WalFiles.segment(base, 1);
        List<Integer> offsets = WalFiles.recordOffsets(segment);
        lastOffset = offsets.get(offsets.size() - 1);
        lastLength = (int) Files.size(segment) - lastOffset;
    }

    @Test
    void cutAtEveryByteOfTheLastRecordLosesOnlyThatRecord() throws IOException {
        forEveryOffsetInTheLastRecord((file, cut) -> {
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(cut);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void zeroedTailAtEveryByteOfTheLastRecordLosesOnlyThatRecord() throws IOException {
        forEveryOffsetInTheLastRecord((file, from) -> WalFiles.update(file, data -> Arrays.fill(data, from, data.length, (byte) 0)));
    }

    @Test
    void garbageTailAtEveryByteOfTheLastRecordLosesOnlyThatRecord() throws IOException {
        forEveryOffsetInTheLastRecord((file, from) -> WalFiles.update(file, data -> {
            byte[] garbage = new byte[data.length - from];
            new Random(from).nextBytes(garbage);
            System.arraycopy(garbage, 0, data, from, garbage.length);
        }));
    }

    @Test
    void lengthFieldAboveTheMaximumInTheLastRecordIsATornTail() throws IOException {
        WalFiles.update(segment, data -> ByteBuffer.wrap(data).putInt(lastOffset, 0x7fff_ffff));

        try (WriteAheadLog log = WriteAheadLog.open(base, NO_FSYNC)) {
            assertThat(log.recovered().get(2L).entries()).containsExactly(entry(2, 1, 1, "a"), entry(2, 2, 1, "b"));
        }
        assertThat(Files.size(segment)).isEqualTo(lastOffset);
    }

    /**
     * For each offset in the last record (and its end), damages a copy of the log from
     * there on, then checks recovery, that the damage was cut off for good (the segment is
     * no longer the last one at the next open) and that the log takes appends again.
     */
    private void forEveryOffsetInTheLastRecord(BiConsumer<Path, Integer> damage) throws IOException {
        byte[] original = Files.readAllBytes(segment);
        for (int k = 0; k <= lastLength; k++) {
            Path copy = dir.resolve("damaged-" + k);
            WalFiles.copy(base, copy);
            Path file = WalFiles.segment(copy, 1);
            damage.accept(file, lastOffset + k);
            boolean intact = Arrays.equals(Files.readAllBytes(file), original);
            assertThat(intact).as("damage from offset %d changes the file", k).isEqualTo(k == lastLength);

            List<Entry> group2 = new ArrayList<>(List.of(entry(2, 1, 1, "a"), entry(2, 2, 1, "b")));
            if (intact) {
                group2.add(LAST);
            }
            try (WriteAheadLog log = WriteAheadLog.open(copy, NO_FSYNC)) {
                assertThat(log.recovered().get(1L).entries()).as("cut at %d", k)
                        .containsExactly(entry(1, 1, 1, "one"), entry(1, 2, 1, "two"), entry(1, 3, 1, "three"));
                assertThat(log.recovered().get(1L).hardState()).isEqualTo(new HardState(1, 1, 1, 2));
                assertThat(log.recovered().get(2L).entries()).as("cut at %d", k).isEqualTo(group2);
                assertThat(Files.size(file)).isEqualTo(intact ? original.length : lastOffset);
                log.appendAndSync(List.of(entry(2, 3, 2, "retry")));
            }
            try (WriteAheadLog log = WriteAheadLog.open(copy, NO_FSYNC)) {
                assertThat(log.recovered().get(2L).entries()).as("reopen after cut at %d", k)
                        .containsExactly(entry(2, 1, 1, "a"), entry(2, 2, 1, "b"), entry(2, 3, 2, "retry"));
            }
        }
    }
}
