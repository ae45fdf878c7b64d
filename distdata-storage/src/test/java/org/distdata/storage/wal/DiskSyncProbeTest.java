package org.distdata.storage.wal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DiskSyncProbeTest {
    @TempDir
    Path dir;

    @Test
    void measuresSyncRateAndLatencyAndCleansUp() throws IOException {
        DiskSyncProbe.Result result = DiskSyncProbe.measure(dir, Duration.ofMillis(200), 4096);

        assertThat(result.syncs()).isPositive();
        assertThat(result.syncsPerSecond()).isPositive();
        assertThat(result.p50Micros()).isLessThanOrEqualTo(result.p99Micros());
        assertThat(result.p99Micros()).isLessThanOrEqualTo(result.maxMicros());
        assertThat(result.writeBytes()).isEqualTo(4096);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
