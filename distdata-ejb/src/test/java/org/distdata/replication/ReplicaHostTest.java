package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.distdata.storage.wal.WalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three real hosts with real write-ahead logs, on real threads. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplicaHostTest {

    @TempDir
    Path dir;

    @Test
    void proposalsCommitOnEveryReplicaInOneOrder() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 2, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(cluster.host(leader).propose(1, ("c" + i).getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 20_000;
            while (cluster.nodes().stream().anyMatch(n -> cluster.machine(n).applied.size() < 200)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            for (long n : cluster.nodes()) {
                assertThat(cluster.machine(n).applied).as("applied on n" + n).hasSize(200);
            }
            List<String> order = cluster.machine(1).applied;
            assertThat(cluster.machine(2).applied).isEqualTo(order);
            assertThat(cluster.machine(3).applied).isEqualTo(order);
            assertThat(order).contains("1:c0", "1:c199");
        }
    }

    @Test
    void aProposalToAFollowerIsRefusedWithTheLeaderNamed() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            long follower = leader == 1 ? 2 : 1;
            CompletableFuture<Object> refused = cluster.host(follower).propose(1, new byte[] {1});
            assertThat(refused).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("the leader is " + leader);
        }
    }

    @Test
    void committedCommandsSurviveARestartOfEveryNodeFromTheWriteAheadLog() throws Exception {
        List<String> before;
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults())) {
            long leader = cluster.awaitLeader(1, 10_000);
            for (int i = 0; i < 50; i++) {
                cluster.host(leader).propose(1, ("w" + i).getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            }
            before = List.copyOf(cluster.machine(leader).applied);
        }
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults())) {
            long leader = cluster.awaitLeader(1, 10_000);
            cluster.host(leader).propose(1, "after".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            // the new leader commits the old entries with its first entry and replays them from the log
            assertThat(cluster.machine(leader).applied).startsWith(before.toArray(String[]::new)).endsWith("1:after");
        }
    }
}
