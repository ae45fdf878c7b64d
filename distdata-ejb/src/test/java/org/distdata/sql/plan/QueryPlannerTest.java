package org.distdata.sql.plan;

import org.distdata.catalog.Catalog;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.partition.HashPartitioner;
import org.distdata.sql.DistributedSqlEngine;
import org.distdata.sql.SqlStatement;
import org.distdata.sql.classify.StatementClassifier;
import org.distdata.sql.route.PartitionPruner;
import org.distdata.sql.stats.StatisticsSource;
import org.distdata.sql.stats.TableStatistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The planner's decisions for given statistics: which joins stay co-located, which side is
 * broadcast, when both sides are repartitioned, how far key predicates prune, and what is
 * pushed into fragments. The catalog comes from a real node; row counts come from a fixed
 * {@link StatisticsSource}, so each decision follows from the numbers in the test.
 */
class QueryPlannerTest {
    private static final int PARTITIONS = 16;
    @TempDir
    static Path dir;
    private static Node node;
    private static Catalog catalog;
    private static final PartitionPruner PRUNER = new PartitionPruner(new HashPartitioner(PARTITIONS));

    @BeforeAll
    static void schema() {
        node = Node.open(new NodeConfig("planner", dir, PARTITIONS, Optional.of("test-admin-pw-1"), Duration.ofHours(1)));
        DistributedSqlEngine sql = (DistributedSqlEngine) node.sql();
        for (String ddl : List.of(
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20), region_id INT) DISTRIBUTE BY HASH (id)",
                "CREATE TABLE orders (oid BIGINT, cust_id INT, amount DECIMAL(10,2), qty INT, status VARCHAR(10)) "
                        + "DISTRIBUTE BY HASH (cust_id)",
                "CREATE TABLE payments (pid INT PRIMARY KEY, order_id BIGINT, cust_id INT, paid DOUBLE) "
                        + "DISTRIBUTE BY HASH (pid)",
                "CREATE TABLE promos (code INT PRIMARY KEY, cust_id INT) DISTRIBUTE BY HASH (code)",
                "CREATE TABLE regions (region_id INT PRIMARY KEY, rname VARCHAR(20)) REFERENCE")) {
            sql.execute(new SqlStatement(ddl, List.of()));
        }
        catalog = sql.catalog();
    }

    @AfterAll
    static void close() {
        node.close();
    }

    private static StatisticsSource rows(Map<String, Long> counts) {
        return new StatisticsSource() {
            @Override
            public TableStatistics statistics(String table) {
                return null;
            }

            @Override
            public long estimatedRows(String table) {
                return counts.getOrDefault(table, -1L);
            }
        };
    }

    private static DistributedPlan plan(String sql, Map<String, Long> counts) {
        return new QueryPlanner(catalog, rows(counts), PARTITIONS).plan(StatementClassifier.classify(sql));
    }

    private static final Map<String, Long> LARGE = Map.of("CUSTOMERS", 100_000L, "ORDERS", 1_000_000L,
            "PAYMENTS", 1_000_000L, "PROMOS", 10L, "REGIONS", 8L);

    @Test
    void coLocatedKeysStayLocalInOneFragment() {
        DistributedPlan p = plan("SELECT c.name, o.amount FROM customers c JOIN orders o ON c.id = o.cust_id "
                + "JOIN regions r ON r.region_id = c.region_id WHERE o.qty > 3", LARGE);
        assertThat(p.input()).isInstanceOf(FragmentNode.class);
        FragmentNode f = (FragmentNode) p.input();
        assertThat(f.description()).startsWith("co-located join of CUSTOMERS C, ORDERS O, REGIONS R");
        assertThat(f.partitions().partitions(List.of(), PRUNER).cardinality()).isEqualTo(PARTITIONS);
        assertThat(PlanPrinter.strategies(p)).isEmpty();
    }

    @Test
    void aCorrelatedSubqueryOverAReferenceTableInAJoinAcrossPartitionsIsASemiJoin() {
        DistributedPlan p = plan("SELECT o.oid FROM orders o JOIN payments p ON p.order_id = o.oid "
                + "WHERE EXISTS (SELECT 1 FROM regions r WHERE r.region_id = o.qty)", LARGE);
        JoinNode top = (JoinNode) p.input();
        assertThat(top.kind()).isEqualTo(org.distdata.sql.plan.JoinKind.SEMI);
        assertThat(fragments(top.probe())).allSatisfy(f -> assertThat(f.sql()).doesNotContain("regions"));
        assertThatThrownBy(() -> plan("SELECT o.oid FROM orders o JOIN payments p ON p.order_id = o.oid "
                + "WHERE EXISTS (SELECT 1 FROM regions r WHERE r.region_id > o.qty)", LARGE))
                .isInstanceOf(PlannerFallback.class);
    }

    @Test
    void aReferenceTablePreservedByAnOuterJoinIsNotCoLocated() {
        // every partition holds all regions: each would null-extend the regions it has no customer for
        assertThatThrownBy(() -> plan("SELECT r.rname, c.name FROM regions r LEFT JOIN customers c "
                + "ON c.region_id = r.region_id", LARGE)).isInstanceOf(PlannerFallback.class);
        assertThatThrownBy(() -> plan("SELECT r.rname, c.name FROM customers c RIGHT JOIN regions r "
                + "ON c.region_id = r.region_id", LARGE)).isInstanceOf(PlannerFallback.class);
        assertThat(plan("SELECT r.rname, c.name FROM customers c LEFT JOIN regions r ON c.region_id = r.region_id",
                LARGE).input()).isInstanceOf(FragmentNode.class);
    }

    @Test
    void smallTableIsBroadcast() {
        DistributedPlan p = plan("SELECT p.pid, m.code FROM payments p JOIN promos m ON m.cust_id = p.cust_id", LARGE);
        JoinNode j = (JoinNode) p.input();
        assertThat(j.strategy()).isEqualTo(JoinStrategy.BROADCAST);
        assertThat(((FragmentNode) j.build()).description()).isEqualTo("scan PROMOS");
    }

    @Test
    void twoLargeTablesThatAreNotCoLocatedAreRepartitioned() {
        DistributedPlan p = plan("SELECT o.oid, p.paid FROM orders o JOIN payments p ON p.order_id = o.oid", LARGE);
        JoinNode j = (JoinNode) p.input();
        assertThat(j.strategy()).isEqualTo(JoinStrategy.REPARTITION);
        assertThat(j.estimatedCost()).isGreaterThan(2_000_000 * CostModel.NETWORK_ROW - 1);
    }

    @Test
    void theSameJoinIsBroadcastWhenStatisticsSayOneSideIsSmall() {
        DistributedPlan p = plan("SELECT o.oid, p.paid FROM orders o JOIN payments p ON p.order_id = o.oid",
                Map.of("ORDERS", 1_000_000L, "PAYMENTS", 50L));
        JoinNode j = (JoinNode) p.input();
        assertThat(j.strategy()).isEqualTo(JoinStrategy.BROADCAST);
        assertThat(((FragmentNode) j.build()).description()).isEqualTo("scan PAYMENTS");
    }

    @Test
    void equalityOnTheKeyPrunesToOnePartition() {
        DistributedPlan p = plan("SELECT o.oid, p.paid FROM orders o JOIN payments p ON p.order_id = o.oid "
                + "WHERE o.cust_id = 42", LARGE);
        List<FragmentNode> fragments = fragments(p.input());
        FragmentNode orders = fragments.stream().filter(f -> f.description().equals("scan ORDERS")).findFirst().orElseThrow();
        assertThat(orders.partitions().partitions(List.of(), PRUNER).cardinality()).isEqualTo(1);
        FragmentNode payments = fragments.stream().filter(f -> f.description().equals("scan PAYMENTS")).findFirst().orElseThrow();
        assertThat(payments.partitions().partitions(List.of(), PRUNER).cardinality()).isEqualTo(PARTITIONS);
    }

    @Test
    void parametersAndInListsPrune() {
        DistributedPlan p = plan("SELECT SUM(amount) FROM orders WHERE cust_id IN (?, ?) AND qty > ?", LARGE);
        FragmentNode f = (FragmentNode) p.input();
        BitSet two = f.partitions().partitions(List.of(7, 7, 1), PRUNER);
        assertThat(two.cardinality()).isEqualTo(1);
        assertThat(f.partitions().partitions(List.of(1, 2, 1), PRUNER).cardinality()).isBetween(1, 2);
        assertThat(f.parameters()).containsExactly(1, 2, 3);
    }

    @Test
    void joinOrderStartsWithTheSelectiveSmallJoin() {
        // payments ⋈ promos shrinks to a handful of rows; joining orders to that is cheaper than orders ⋈ payments first
        DistributedPlan p = plan("SELECT o.oid FROM orders o, payments p, promos m "
                + "WHERE p.order_id = o.oid AND m.cust_id = p.cust_id AND m.code = 3", LARGE);
        JoinNode top = (JoinNode) p.input();
        List<String> deepest = new ArrayList<>();
        PlanNode side = top.probe() instanceof JoinNode ? top.probe() : top.build();
        assertThat(side).isInstanceOf(JoinNode.class);
        for (FragmentNode f : fragments(side)) {
            deepest.add(f.description());
        }
        assertThat(deepest).containsExactlyInAnyOrder("scan PAYMENTS", "scan PROMOS");
    }

    @Test
    void moreThanSixRelationsArePlannedGreedily() {
        StringBuilder sql = new StringBuilder("SELECT p0.pid FROM payments p0");
        for (int i = 1; i < 8; i++) {
            sql.append(" JOIN payments p").append(i).append(" ON p").append(i).append(".order_id = p").append(i - 1)
                    .append(".pid");
        }
        DistributedPlan p = plan(sql.toString(), LARGE);
        assertThat(fragments(p.input())).hasSize(8);
        assertThat(PlanPrinter.strategies(p)).hasSize(7);
    }

    @Test
    void averageIsSplitIntoSumAndCount() {
        DistributedPlan p = plan("SELECT status, AVG(qty), COUNT(*) FROM orders GROUP BY status", LARGE);
        FragmentNode f = (FragmentNode) p.input();
        assertThat(f.sql()).contains("SUM(CAST(qty AS BIGINT))").contains("COUNT(qty)").contains("GROUP BY status");
        assertThat(p.finalStage().sql()).contains("CAST(SUM(R.\"C1\") / NULLIF(SUM(CAST(R.\"C2\" AS BIGINT)), 0) AS INTEGER)");
    }

    @Test
    void aggregatesSharingAPartialComputeItOnce() {
        DistributedPlan p = plan("SELECT SUM(amount), AVG(amount), COUNT(amount) FROM orders", LARGE);
        String sql = ((FragmentNode) p.input()).sql();
        assertThat(sql.split("SUM\\(amount\\)", -1)).hasSize(2);
        assertThat(sql.split("COUNT\\(amount\\)", -1)).hasSize(2);
        assertThat(p.finalStage().sql()).contains("CAST(SUM(R.\"C0\") AS DECIMAL(31,4)) / NULLIF(SUM(CAST(R.\"C1\" AS BIGINT)), 0)");
    }

    @Test
    void groupingByTheDistributionKeyAggregatesWhollyOnThePartitions() {
        DistributedPlan p = plan("SELECT cust_id, COUNT(DISTINCT status) FROM orders GROUP BY cust_id", LARGE);
        assertThat(((FragmentNode) p.input()).sql()).contains("COUNT(DISTINCT status)").contains("GROUP BY cust_id");
        assertThat(p.finalStage()).isNull();
    }

    @Test
    void countDistinctOnAnotherColumnOnlyDeduplicatesOnThePartitions() {
        DistributedPlan p = plan("SELECT status, COUNT(DISTINCT qty) FROM orders GROUP BY status", LARGE);
        assertThat(((FragmentNode) p.input()).sql()).doesNotContain("COUNT").contains("GROUP BY status, qty");
        assertThat(p.finalStage().sql()).contains("COUNT(DISTINCT R.\"C1\")");
    }

    @Test
    void topNIsPushedToEveryPartition() {
        DistributedPlan p = plan("SELECT oid, amount FROM orders ORDER BY amount DESC, oid OFFSET 5 ROWS "
                + "FETCH NEXT 10 ROWS ONLY", LARGE);
        assertThat(((FragmentNode) p.input()).sql()).endsWith("ORDER BY amount DESC, oid FETCH FIRST 15 ROWS ONLY");
        assertThat(p.finalStage().sql()).contains("OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY");
    }

    @Test
    void coLocatedExistsRunsInsideTheFragment() {
        DistributedPlan p = plan("SELECT c.name FROM customers c WHERE EXISTS "
                + "(SELECT 1 FROM orders o WHERE o.cust_id = c.id AND o.qty > 2)", LARGE);
        assertThat(((FragmentNode) p.input()).sql()).contains("EXISTS");
    }

    @Test
    void notInBecomesANullAwareAntiJoinAtTheGateway() {
        // a NULL anywhere in the subquery changes every row's answer, so it cannot run per partition
        DistributedPlan p = plan("SELECT c.name FROM customers c WHERE c.id NOT IN (SELECT o.cust_id FROM orders o "
                + "WHERE o.qty > ?)", LARGE);
        JoinNode j = (JoinNode) p.input();
        assertThat(j.kind()).isEqualTo(org.distdata.sql.plan.JoinKind.NULL_AWARE_ANTI);
        assertThat(((FragmentNode) j.build()).sql()).isEqualTo("SELECT \"O\".\"CUST_ID\" AS \"C0\" FROM orders o WHERE (o.qty > ?)");
        assertThat(((FragmentNode) j.build()).parameters()).containsExactly(1);
    }

    @Test
    void existsOverATableThatIsNotCoLocatedBecomesASemiJoin() {
        DistributedPlan p = plan("SELECT o.oid FROM orders o WHERE NOT EXISTS "
                + "(SELECT 1 FROM payments p WHERE p.order_id = o.oid AND p.paid > 10) AND o.qty = 1", LARGE);
        JoinNode j = (JoinNode) p.input();
        assertThat(j.kind()).isEqualTo(org.distdata.sql.plan.JoinKind.ANTI);
        assertThat(((FragmentNode) j.probe()).sql()).contains("o.qty = 1").doesNotContain("EXISTS");
        assertThatThrownBy(() -> plan("SELECT o.oid FROM orders o WHERE o.qty IN "
                + "(SELECT p.pid FROM payments p WHERE p.cust_id = o.cust_id)", LARGE))
                .isInstanceOf(PlannerFallback.class);
        assertThatThrownBy(() -> plan("SELECT o.oid FROM orders o WHERE EXISTS "
                + "(SELECT MAX(p.pid) FROM payments p WHERE p.order_id = o.oid)", LARGE))
                .isInstanceOf(PlannerFallback.class);
    }

    @Test
    void unknownNamesAreSemanticErrors() {
        assertThatThrownBy(() -> plan("SELECT nope FROM orders", LARGE)).isInstanceOfSatisfying(
                DistDataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_SEMANTIC));
        assertThatThrownBy(() -> plan("SELECT cust_id FROM orders o, payments p WHERE o.oid = p.order_id", LARGE))
                .isInstanceOfSatisfying(DistDataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SQL_SEMANTIC);
                    assertThat(e.getMessage()).contains("more than one table");
                });
        assertThatThrownBy(() -> plan("SELECT x.oid FROM orders o", LARGE)).isInstanceOfSatisfying(
                DistDataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_SEMANTIC));
        assertThatThrownBy(() -> plan("SELECT * FROM missing_table", LARGE)).isInstanceOfSatisfying(
                DistDataException.class, e -> assertThat(e.getMessage()).contains("MISSING_TABLE"));
    }

    @Test
    void withoutStatisticsDefaultsStillGiveAPlan() {
        DistributedPlan p = plan("SELECT o.oid, p.paid FROM orders o JOIN payments p ON p.order_id = o.oid", Map.of());
        assertThat(p.estimatedRows()).isPositive();
        assertThat(PlanPrinter.strategies(p)).hasSize(1);
    }

    private static List<FragmentNode> fragments(PlanNode node) {
        List<FragmentNode> out = new ArrayList<>();
        if (node instanceof FragmentNode f) {
            out.add(f);
        } else {
            JoinNode j = (JoinNode) node;
            out.addAll(fragments(j.probe()));
            out.addAll(fragments(j.build()));
        }
        return out;
    }
}
