package org.distdata.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.distdata.cluster.ConsistencyReport;
import org.distdata.error.DistDataException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random writes of every kind a replicated partition accepts — inserts, updates and deletes
 * by key and by range, expressions over the old values, NULLs, decimals, dates, text, the
 * leader's CURRENT_TIMESTAMP, statements that fail on a constraint — run through random
 * gateways of a three-node cluster, and after every step the consistency check must find
 * every replica of every partition identical at the same log index. A seed fixes the
 * statements; a failure prints it.
 */
@Tag("cluster")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ReplicaDeterminismTest {

    @TempDir
    Path dir;

    @Test
    void randomWritesLeaveEveryReplicaIdenticalAfterEveryStep() throws Exception {
        long seed = Long.getLong("determinism.seed", 20261203L);
        int steps = Integer.getInteger("determinism.steps", 12);
        int statementsPerStep = 25;
        Random random = new Random(seed);
        try (NodeCluster cluster = NodeCluster.start(dir, 3, 4)) {
            cluster.awaitLeaders(Duration.ofSeconds(60));
            cluster.sql(1, "CREATE TABLE t (id INT PRIMARY KEY, n INT, d DECIMAL(12,3), s VARCHAR(30), "
                    + "day DATE, ts TIMESTAMP, UNIQUE (id, s))");
            int failed = 0;
            int executed = 0;
            for (int step = 1; step <= steps; step++) {
                for (int i = 0; i < statementsPerStep; i++) {
                    Statement st = randomStatement(random);
                    try {
                        cluster.sql(1 + random.nextInt(3), st.sql, st.params.toArray());
                        executed++;
                    } catch (DistDataException e) {
                        failed++; // a constraint violation, or a write to several partitions: changes nothing
                    }
                }
                ConsistencyReport report = cluster.check(1 + random.nextInt(3));
                assertThat(report.consistent()).as("seed " + seed + ", after step " + step + ": " + report).isTrue();
            }
            System.out.printf("determinism seed %d: %d statements executed, %d refused, %d checks, replicas identical%n",
                    seed, executed, failed, steps);
            assertThat(executed).as("seed " + seed + " made progress").isGreaterThan(steps * statementsPerStep / 3);
        }
    }

    private record Statement(String sql, List<Object> params) {
    }

    private static Statement randomStatement(Random r) {
        int id = r.nextInt(60);
        List<Object> p = new ArrayList<>();
        switch (r.nextInt(8)) {
            case 0, 1 -> {
                p.add(id);
                p.add(r.nextBoolean() ? null : r.nextInt(1000) - 500);
                p.add(new java.math.BigDecimal(r.nextInt(1_000_000)).movePointLeft(3));
                p.add("s" + r.nextInt(20));
                p.add(java.time.LocalDate.of(2026, 1 + r.nextInt(12), 1 + r.nextInt(28)));
                return new Statement("INSERT INTO t (id, n, d, s, day) VALUES (?, ?, ?, ?, ?)", p);
            }
            case 2 -> {
                p.add(id);
                return new Statement("INSERT INTO t (id, s, ts) VALUES (?, 'now', CURRENT_TIMESTAMP)", p);
            }
            case 3 -> {
                p.add(r.nextInt(7) + 1);
                p.add(id);
                return new Statement("UPDATE t SET n = COALESCE(n, 0) * ? + 1, d = d / 3 WHERE id = ?", p);
            }
            case 4 -> {
                p.add("u" + r.nextInt(5));
                p.add(id);
                return new Statement("UPDATE t SET s = ? || s, ts = CURRENT_TIMESTAMP WHERE id = ? AND n IS NOT NULL", p);
            }
            case 5 -> {
                p.add(id);
                return new Statement("DELETE FROM t WHERE id = ?", p);
            }
            case 6 -> {
                p.add(new java.math.BigDecimal(r.nextInt(1000)).movePointLeft(2));
                p.add(id);
                p.add(r.nextInt(100));
                return new Statement("UPDATE t SET d = d + ?, n = n - 1 WHERE id = ? AND n < ?", p);
            }
            default -> {
                p.add(id);
                return new Statement("UPDATE t SET n = n + 1 WHERE id = ? AND s LIKE 's1%'", p);
            }
        }
    }
}
