package org.distdata.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.distdata.cluster.ConsistencyReport;
import org.distdata.error.DistDataException;
import org.distdata.sql.SqlStatement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank test on the in-process cluster: transfers between accounts in different partitions
 * (so led by different nodes), each an atomic batch that commits by two-phase commit, through
 * random gateways, while the node leading the most partitions is stopped and later started
 * again. No transfer may be half-applied: the total of all balances never changes, every
 * acknowledged transfer is in the ledger exactly once, and every replica ends identical. A
 * seed fixes the transfers; a failure prints it.
 */
@Tag("cluster")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ClusterBankTest {

    private static final int ACCOUNTS = 12;
    private static final BigDecimal OPENING = new BigDecimal("1000.00");

    @TempDir
    Path dir;

    @Test
    void transfersAcrossNodesConserveTheTotalThroughALeaderCrash() throws Exception {
        long seed = Long.getLong("bank.seed", 20261203L);
        int transfers = Integer.getInteger("bank.transfers", 60);
        Random random = new Random(seed);
        try (NodeCluster cluster = NodeCluster.start(dir, 3, 4)) {
            cluster.awaitLeaders(Duration.ofSeconds(60));
            cluster.sql(1, "CREATE TABLE account (id INT PRIMARY KEY, balance DECIMAL(12,2) NOT NULL)");
            cluster.sql(2, "CREATE TABLE ledger (id INT PRIMARY KEY, src INT, dst INT, amount DECIMAL(12,2))");
            for (int a = 0; a < ACCOUNTS; a++) {
                cluster.sql(1 + a % 3, "INSERT INTO account VALUES (?, ?)", a, OPENING);
            }
            int acknowledged = 0;
            int failed = 0;
            java.util.Set<Integer> acknowledgedIds = new java.util.TreeSet<>();
            long crashed = 0;
            for (int t = 1; t <= transfers; t++) {
                if (t == transfers / 3) {
                    crashed = cluster.busiestLeader();
                    cluster.stop(crashed);
                } else if (t == 2 * transfers / 3) {
                    cluster.start(crashed);
                }
                int src = random.nextInt(ACCOUNTS);
                int dst = (src + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                BigDecimal amount = new BigDecimal(1 + random.nextInt(5000)).movePointLeft(2);
                List<SqlStatement> batch = List.of(
                        new SqlStatement("UPDATE account SET balance = balance - ? WHERE id = ?", List.of(amount, src)),
                        new SqlStatement("UPDATE account SET balance = balance + ? WHERE id = ?", List.of(amount, dst)),
                        new SqlStatement("INSERT INTO ledger VALUES (?, ?, ?, ?)", List.of(t, src, dst, amount)));
                List<Long> running = cluster.running();
                long gateway = running.get(random.nextInt(running.size()));
                try {
                    cluster.node(gateway).sql().executeBatch(batch, true);
                    acknowledged++;
                    acknowledgedIds.add(t);
                } catch (DistDataException e) {
                    failed++; // refused or unknown: the ledger shows whether it happened
                }
            }
            awaitAllRunning(cluster);
            BigDecimal total = (BigDecimal) cluster.sql(1, "SELECT SUM(balance) FROM account").rows().get(0).get(0);
            assertThat(total).as("seed " + seed + ": money is neither made nor lost")
                    .isEqualByComparingTo(OPENING.multiply(BigDecimal.valueOf(ACCOUNTS)));
            List<List<Object>> ledger = cluster.sql(2, "SELECT COUNT(*), COUNT(DISTINCT id) FROM ledger").rows();
            long recorded = ((Number) ledger.get(0).get(0)).longValue();
            assertThat(recorded).as("seed " + seed + ": every acknowledged transfer, once")
                    .isGreaterThanOrEqualTo(acknowledged).isLessThanOrEqualTo(acknowledged + failed)
                    .isEqualTo(((Number) ledger.get(0).get(1)).longValue());
            java.util.Set<Integer> inLedger = new java.util.TreeSet<>();
            cluster.sql(1, "SELECT id FROM ledger").rows().forEach(r -> inLedger.add((Integer) r.get(0)));
            assertThat(inLedger).as("seed " + seed + ": the acknowledged transfers by id").containsAll(acknowledgedIds);
            // each ledger row's transfer was applied in full: replaying the ledger gives the balances
            java.util.Map<Integer, BigDecimal> expected = new java.util.TreeMap<>();
            for (int a = 0; a < ACCOUNTS; a++) {
                expected.put(a, OPENING);
            }
            for (List<Object> row : cluster.sql(3, "SELECT src, dst, amount FROM ledger").rows()) {
                BigDecimal amount = (BigDecimal) row.get(2);
                expected.merge((Integer) row.get(0), amount.negate(), BigDecimal::add);
                expected.merge((Integer) row.get(1), amount, BigDecimal::add);
            }
            for (List<Object> row : cluster.sql(1, "SELECT id, balance FROM account").rows()) {
                assertThat((BigDecimal) row.get(1)).as("seed " + seed + ": account " + row.get(0))
                        .isEqualByComparingTo(expected.get((Integer) row.get(0)));
            }
            ConsistencyReport report = cluster.check(1);
            assertThat(report.consistent()).as("seed " + seed + ": " + report).isTrue();
            System.out.printf("bank seed %d: %d transfers acknowledged, %d failed, %d in the ledger, node %d crashed "
                    + "and came back, total conserved, replicas identical%n", seed, acknowledged, failed, recorded, crashed);
            assertThat(acknowledged).as("the cluster made progress").isGreaterThan(transfers / 2);
        }
    }

    /** Waits until every node serves again (the restarted one caught up). */
    private static void awaitAllRunning(NodeCluster cluster) throws InterruptedException {
        cluster.awaitLeaders(Duration.ofSeconds(60));
    }
}
