package org.distdata.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distdata.storage.wal.WalFiles.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that need no fsync of their own ride along with the next one. */
class AppendWithoutSyncTest {

    @TempDir
    Path dir;

    @Test
    void aBatchWithoutSyncCausesNoFsyncAndIsDurableAfterTheNextSyncedAppend() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalOptions.defaults())) {
            long syncs = log.stats().syncs();
            log.appendWithoutSync(List.of(new WalRecord.HardState(7, 3, 1, 5))).get(5, TimeUnit.SECONDS);
            assertThat(log.stats().syncs()).as("no fsync for the lazy batch").isEqualTo(syncs);
            log.appendAndSync(List.of(entry(7, 6, 3, "x")));
            assertThat(log.stats().syncs()).isEqualTo(syncs + 1);
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalOptions.defaults())) {
            RecoveredGroup g = log.recovered().get(7L);
            assertThat(g.hardState()).isEqualTo(new WalRecord.HardState(7, 3, 1, 5));
            assertThat(g.entries()).extracting(WalRecord.Entry::index).containsExactly(6L);
        }
    }

    @Test
    void closeMakesALazyBatchDurable() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalOptions.defaults())) {
            log.appendWithoutSync(List.of(entry(1, 1, 1, "a"))).get(5, TimeUnit.SECONDS);
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, WalOptions.defaults())) {
            assertThat(log.recovered().get(1L).entries()).hasSize(1);
        }
    }
}
