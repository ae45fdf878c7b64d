package org.distdata.load;

import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.sql.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of a node in the middle of a bulk import: after restart every acknowledged batch
 * is there and no partial batch is. The child runs with Derby's real durability (the unit
 * test JVM turns fsync off; the child does not inherit that).
 */
class ImportCrashTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killDuringImportLosesNoAcknowledgedBatchAndLeavesNoPartialBatch() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                "-Dderby.stream.error.file=" + dir.resolve("derby.log"),
                ImportCrashChild.class.getName(), dir.resolve("node").toString())
                .redirectErrorStream(true).start();
        long acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged = Long.parseLong(line.substring(4));
                    if (acknowledged >= 3L * CsvImporter.DEFAULT_BATCH_ROWS) {
                        child.destroyForcibly(); // SIGKILL, in the middle of the next batch
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("child made progress before the kill").isGreaterThan(0);

        try (Node node = Node.open(new NodeConfig("crash", dir.resolve("node"), 4, Optional.of("crash-admin-pw"),
                Duration.ofHours(1)))) {
            List<Object> stats = node.sql().execute(SqlStatement.of(
                    "SELECT COUNT(*), MIN(id), MAX(id) FROM items")).rows().get(0);
            long count = ((Number) stats.get(0)).longValue();
            assertThat(count).as("every acknowledged row survives").isGreaterThanOrEqualTo(acknowledged);
            assertThat(count % CsvImporter.DEFAULT_BATCH_ROWS).as("only whole batches").isZero();
            assertThat(((Number) stats.get(1)).longValue()).isEqualTo(1);
            assertThat(((Number) stats.get(2)).longValue()).as("rows are exactly ids 1..count").isEqualTo(count);
        }
    }
}
