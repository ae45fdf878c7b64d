package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;
import org.distdata.storage.wal.WalRecord.HardState;
import org.distdata.storage.wal.WalRecord.SnapshotMark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distdata.storage.wal.WalFiles.NO_FSYNC;
import static org.distdata.storage.wal.WalFiles.entry;

class SegmentRotationTest {
    private static final WalOptions TINY_SEGMENTS = NO_FSYNC.withSegmentBytes(1024);

    @TempDir
    Path dir;

    @Test
    void fullSegmentRotatesAndTheNewOneStartsWithACheckpoint() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, TINY_SEGMENTS)) {
            log.appendAndSync(List.of(new HardState(1, 1, 1, 0), new HardState(2, 1, 2, 0), new SnapshotMark(3, 5, 1)));
            appendEntries(log, 1, 1, 100);
            log.appendAndSync(List.of(new HardState(1, 2, 1, 50)));
            appendEntries(log, 2, 1, 100);
        }

        List<Path> segments = WalFiles.segments(dir);
        assertThat(segments).hasSizeGreaterThan(10);
        for (Path segment : segments.subList(1, segments.size())) {
            List<WalRecord> checkpoint = SegmentScan.read(segment, 1 << 20).records().subList(0, 3);
            assertThat(checkpoint).as(segment.toString())
                    .extracting(r -> r.getClass().getSimpleName() + " " + r.group())
                    .containsExactly("HardState 1", "HardState 2", "SnapshotMark 3");
        }
        List<WalRecord> lastCheckpoint = SegmentScan.read(segments.get(segments.size() - 1), 1 << 20).records().subList(0, 3);
        assertThat(lastCheckpoint).containsExactly(new HardState(1, 2, 1, 50), new HardState(2, 1, 2, 0), new SnapshotMark(3, 5, 1));
        try (WriteAheadLog log = WriteAheadLog.open(dir, TINY_SEGMENTS)) {
            assertThat(log.recovered().get(1L).entries()).hasSize(100);
            assertThat(log.recovered().get(1L).hardState()).isEqualTo(new HardState(1, 2, 1, 50));
            assertThat(log.recovered().get(2L).entries()).hasSize(100);
        }
    }

    @Test
    void snapshotMarksDeleteCoveredSegmentsAndRecoveryStillYieldsTheState() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, TINY_SEGMENTS)) {
            log.appendAndSync(List.of(new HardState(1, 1, 1, 0), new HardState(2, 1, 2, 0)));
            for (long i = 1; i <= 200; i++) {
                log.appendAndSync(List.of(entry(1, i, 1, "one-" + i), entry(2, i, 1, "two-" + i)));
            }
            log.appendAndSync(List.of(new SnapshotMark(1, 150, 1), new HardState(1, 1, 1, 150)));
            assertThat(log.stats().segmentsDeleted()).as("group 2 still needs every segment").isZero();
            int before = WalFiles.segments(dir).size();

            log.appendAndSync(List.of(new SnapshotMark(2, 150, 1)));
            assertThat(WalFiles.segments(dir)).hasSizeLessThan(before / 2);
            assertThat(log.stats().segmentsDeleted()).isEqualTo(before - WalFiles.segments(dir).size());
        }
        assertThat(WalFiles.segment(dir, 1)).doesNotExist();

        try (WriteAheadLog log = WriteAheadLog.open(dir, TINY_SEGMENTS)) {
            RecoveredGroup one = log.recovered().get(1L);
            assertThat(one.snapshot()).isEqualTo(new SnapshotMark(1, 150, 1));
            assertThat(one.hardState()).isEqualTo(new HardState(1, 1, 1, 150));
            assertThat(one.entries()).extracting(Entry::index).containsExactlyElementsOf(range(151, 200));
            RecoveredGroup two = log.recovered().get(2L);
            assertThat(two.snapshot()).isEqualTo(new SnapshotMark(2, 150, 1));
            assertThat(two.hardState()).isEqualTo(new HardState(2, 1, 2, 0));
            assertThat(two.entries()).extracting(Entry::index).containsExactlyElementsOf(range(151, 200));
            assertThat(two.entries().get(0)).isEqualTo(entry(2, 151, 1, "two-151"));
        }
    }

    @Test
    void hardStateSurvivesWhenTheSegmentThatFirstHeldItIsGone() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, TINY_SEGMENTS)) {
            log.appendAndSync(List.of(new HardState(7, 4, 3, 0)));
            appendEntries(log, 1, 1, 100);
            log.appendAndSync(List.of(new SnapshotMark(1, 100, 1)));
        }
        assertThat(WalFiles.segment(dir, 1)).doesNotExist();
        assertThat(WalFiles.rawRecords(dir).stream().filter(r -> r.group() == 7)).allMatch(r -> r.equals(new HardState(7, 4, 3, 0)));

        try (WriteAheadLog log = WriteAheadLog.open(dir, TINY_SEGMENTS)) {
            assertThat(log.recovered().get(7L)).isEqualTo(new RecoveredGroup(7, new HardState(7, 4, 3, 0), null, List.of()));
            assertThat(log.recovered().get(1L).entries()).isEmpty();
            assertThat(log.recovered().get(1L).snapshot()).isEqualTo(new SnapshotMark(1, 100, 1));
        }
    }

    @Test
    void segmentIsKeptWhileAnyGroupStillNeedsItsEntries() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, TINY_SEGMENTS)) {
            log.appendAndSync(List.of(entry(9, 1, 1, "only entry of group 9")));
            appendEntries(log, 1, 1, 100);
            log.appendAndSync(List.of(new SnapshotMark(1, 100, 1)));
            assertThat(WalFiles.segment(dir, 1)).exists();
            assertThat(log.stats().segmentsDeleted()).isZero();

            log.appendAndSync(List.of(new SnapshotMark(9, 1, 1)));
            assertThat(WalFiles.segment(dir, 1)).doesNotExist();
        }
    }

    @Test
    void coveredSegmentsLeftBehindAreDeletedAtOpen() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, TINY_SEGMENTS)) {
            appendEntries(log, 1, 1, 100);
        }
        Path snapshotOnly = dir.resolve("covered");
        WalFiles.copy(dir, snapshotOnly);
        try (WriteAheadLog log = WriteAheadLog.open(snapshotOnly, TINY_SEGMENTS)) {
            log.appendAndSync(List.of(new SnapshotMark(1, 100, 1)));
        }
        // Put the deleted segments back, as if a crash had come between the sync and the deletions.
        for (Path segment : WalFiles.segments(dir)) {
            if (!Files.exists(snapshotOnly.resolve(segment.getFileName()))) {
                Files.copy(segment, snapshotOnly.resolve(segment.getFileName()));
            }
        }
        assertThat(WalFiles.segment(snapshotOnly, 1)).exists();

        try (WriteAheadLog log = WriteAheadLog.open(snapshotOnly, TINY_SEGMENTS)) {
            assertThat(WalFiles.segment(snapshotOnly, 1)).doesNotExist();
            assertThat(log.recovered().get(1L).entries()).isEmpty();
        }
    }

    private static void appendEntries(WriteAheadLog log, long group, long from, long to) throws IOException {
        for (long i = from; i <= to; i++) {
            log.appendAndSync(List.of(entry(group, i, 1, "entry " + i + " of group " + group)));
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
