package org.distdata.storage.wal;

import org.distdata.storage.wal.WalRecord.Entry;
import org.distdata.storage.wal.WalRecord.HardState;
import org.distdata.storage.wal.WalRecord.SnapshotMark;
import org.distdata.storage.wal.WalRecord.Truncate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distdata.storage.wal.WalFiles.NO_FSYNC;
import static org.distdata.storage.wal.WalFiles.entry;

class WriteAheadLogRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void emptyDirectoryRecoversNothing() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir.resolve("wal"), NO_FSYNC)) {
            assertThat(log.recovered()).isEmpty();
        }
    }

    @Test
    void groupZeroAndItsSnapshotMarkContextSurviveReopensAndTheCheckpointsTheyWrite() throws IOException {
        SnapshotMark mark = new SnapshotMark(0, 2, 1, new byte[] {0, 1, 2, 3});
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            log.appendAndSync(List.of(entry(0, 1, 1, "a"), entry(0, 2, 1, "b"), entry(0, 3, 1, "c"), mark,
                    new HardState(0, 1, 1, 3)));
        }
        // each open starts a segment whose checkpoint repeats the mark; the second open reads that copy too
        WriteAheadLog.open(dir, NO_FSYNC).close();

        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            assertThat(log.recovered()).containsOnlyKeys(0L);
            assertThat(log.recovered().get(0L)).isEqualTo(new RecoveredGroup(0, new HardState(0, 1, 1, 3), mark,
                    List.of(entry(0, 3, 1, "c"))));
        }
    }

    @Test
    void reopenRecoversEveryGroupWithTruncationsSnapshotsAndLatestHardState() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            log.appendAndSync(List.of(entry(1, 1, 1, "a"), entry(1, 2, 1, "b"), entry(1, 3, 1, "c"),
                    entry(1, 4, 1, "d-old"), entry(1, 5, 1, "e-old"), new HardState(1, 1, 10, 3)));
            log.appendAndSync(List.of(new Truncate(1, 4), entry(1, 4, 2, "d"), entry(1, 5, 2, "e"),
                    entry(1, 6, 2, "f"), new HardState(1, 2, 11, 5)));
            for (int i = 1; i <= 10; i++) {
                log.append(List.of(entry(2, i, 1, "g2-" + i)));
            }
            log.appendAndSync(List.of(new SnapshotMark(2, 6, 1), entry(2, 11, 1, "g2-11")));
            log.appendAndSync(List.of(new HardState(3, 5, 0, 0)));
            log.appendAndSync(List.of(entry(4, 1, 1, "x"), entry(4, 2, 1, "y"), entry(4, 3, 1, "z"), new Truncate(4, 2)));
            log.appendAndSync(List.of(entry(5, 1, 1, "p"), entry(5, 2, 1, "q"), entry(5, 3, 1, "r"), entry(5, 2, 2, "q2")));
        }

        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            assertThat(log.recovered()).containsOnlyKeys(1L, 2L, 3L, 4L, 5L);
            assertThat(log.recovered().get(1L)).isEqualTo(new RecoveredGroup(1, new HardState(1, 2, 11, 5), null,
                    List.of(entry(1, 1, 1, "a"), entry(1, 2, 1, "b"), entry(1, 3, 1, "c"),
                            entry(1, 4, 2, "d"), entry(1, 5, 2, "e"), entry(1, 6, 2, "f"))));
            assertThat(log.recovered().get(2L)).isEqualTo(new RecoveredGroup(2, null, new SnapshotMark(2, 6, 1),
                    List.of(entry(2, 7, 1, "g2-7"), entry(2, 8, 1, "g2-8"), entry(2, 9, 1, "g2-9"),
                            entry(2, 10, 1, "g2-10"), entry(2, 11, 1, "g2-11"))));
            assertThat(log.recovered().get(3L)).isEqualTo(new RecoveredGroup(3, new HardState(3, 5, 0, 0), null, List.of()));
            assertThat(log.recovered().get(4L).entries()).containsExactly(entry(4, 1, 1, "x"));
            assertThat(log.recovered().get(5L).entries())
                    .containsExactly(entry(5, 1, 1, "p"), entry(5, 2, 2, "q2"), entry(5, 3, 1, "r"));
            log.appendAndSync(List.of(new Truncate(1, 6), entry(1, 6, 3, "f3"), new HardState(1, 3, 12, 6)));
        }

        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            RecoveredGroup group1 = log.recovered().get(1L);
            assertThat(group1.hardState()).isEqualTo(new HardState(1, 3, 12, 6));
            assertThat(group1.entries()).hasSize(6).last().isEqualTo(entry(1, 6, 3, "f3"));
            assertThat(log.recovered().get(2L).entries()).hasSize(5);
        }
    }

    @Test
    void entryAtOrBelowTheSnapshotIsNotRecovered() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            log.appendAndSync(List.of(new SnapshotMark(1, 10, 2), entry(1, 9, 2, "late"), entry(1, 11, 2, "next")));
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            assertThat(log.recovered().get(1L).entries()).containsExactly(entry(1, 11, 2, "next"));
        }
    }

    @Test
    void payloadBytesSurviveExactly() throws IOException {
        byte[] payload = new byte[70_000];
        new java.util.Random(7).nextBytes(payload);
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            log.appendAndSync(List.of(new Entry(9, 1, 1, (byte) 4, payload)));
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            assertThat(log.recovered().get(9L).entries()).containsExactly(new Entry(9, 1, 1, (byte) 4, payload.clone()));
        }
    }

    @Test
    void recordAboveTheMaximumSizeIsRejectedAtAppend() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC.withMaxRecordBytes(1024))) {
            assertThatThrownBy(() -> log.append(List.of(new Entry(1, 1, 1, (byte) 0, new byte[2000]))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exceeds the maximum of 1024");
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            assertThatThrownBy(() -> WriteAheadLog.open(dir, NO_FSYNC))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("already open");
        }
        WriteAheadLog.open(dir, NO_FSYNC).close();
    }

    @Test
    void statsCountRecordsBatchesSyncsAndBytes() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(dir, NO_FSYNC)) {
            long syncsAtOpen = log.stats().syncs();
            log.appendAndSync(List.of(entry(1, 1, 1, "a"), entry(1, 2, 1, "b")));
            log.appendAndSync(List.of(new HardState(1, 1, 1, 2)));

            WalStats stats = log.stats();
            assertThat(stats.records()).isEqualTo(3);
            assertThat(stats.batches()).isEqualTo(2);
            assertThat(stats.syncs() - syncsAtOpen).isEqualTo(2);
            assertThat(stats.bytesWritten()).isEqualTo(2 * (8 + 1 + 25 + 1) + (8 + 1 + 32));
            assertThat(stats.segmentsCreated()).isEqualTo(1);
        }
    }
}
