package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.distdata.raft.Role;
import org.distdata.storage.wal.WalOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three real hosts with real write-ahead logs, on real threads: proposals, refusals, status, groups. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RaftHostTest {

    @TempDir
    Path dir;

    @Test
    void proposalsCommitOnEveryReplicaInOneOrder() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 2, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            List<CompletableFuture<Long>> results = new ArrayList<>();
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
            CompletableFuture<Long> refused = cluster.host(follower).propose(1, new byte[] {1});
            assertThat(refused).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("the leader is " + leader);
        }
    }

    @Test
    void committedCommandsSurviveARestartOfEveryNodeFromTheWriteAheadLog() throws Exception {
        List<String> before;
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults())) {
            for (int i = 0; i < 50; i++) {
                cluster.commit(1, ("w" + i).getBytes(StandardCharsets.UTF_8));
            }
            before = List.copyOf(cluster.machine(cluster.awaitLeader(1, 10_000)).applied);
        }
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults())) {
            cluster.commit(1, "after".getBytes(StandardCharsets.UTF_8));
            long leader = cluster.awaitLeader(1, 10_000);
            // the new leader commits the old entries with its first entry and replays them from the log
            assertThat(cluster.machine(leader).applied).startsWith(before.toArray(String[]::new)).endsWith("1:after");
        }
    }

    @Test
    void theMetaGroupZeroCanBeAddedAtRunTimeAndCommits() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false))) {
            for (long n : cluster.nodes()) {
                cluster.host(n).addGroup(0, cluster.membership()).get(5, TimeUnit.SECONDS);
            }
            long leader = cluster.awaitLeader(0, 10_000);
            long index = cluster.host(leader).propose(0, "meta".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);

            assertThat(index).isPositive();
            assertThat(cluster.host(leader).groups()).containsExactly(0L, 1L);
            assertThat(cluster.machine(leader).applied).contains("0:meta");
        }
    }

    @Test
    void aRemovedGroupIsNoLongerHostedAndRefusesProposals() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 2, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(2, 10_000);

            cluster.host(leader).removeGroup(2).get(5, TimeUnit.SECONDS);

            assertThat(cluster.host(leader).groups()).containsExactly(1L);
            assertThat(cluster.host(leader).status(2)).isNull();
            assertThat(cluster.host(leader).propose(2, new byte[] {1})).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat().havingRootCause().isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void leadershipIsHandedToTheChosenVoter() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            long target = leader == 3 ? 1 : leader + 1;

            cluster.host(leader).transferLeadership(1, target).get(5, TimeUnit.SECONDS);

            assertThat(InProcessCluster.await(() -> cluster.host(target).status(1).role() == Role.LEADER, 10_000))
                    .isTrue();
            assertThat(cluster.host(leader).transferLeadership(1, leader)).as("no longer the leader")
                    .failsWithin(Duration.ofSeconds(5));
        }
    }

    @Test
    void statusShowsTheLeadersViewWithEachFollowersMatchIndexAndNothingForAnUnknownGroup() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults().withFsync(false))) {
            long leader = cluster.awaitLeader(1, 10_000);
            long index = cluster.host(leader).propose(1, new byte[] {7}).get(10, TimeUnit.SECONDS);
            assertThat(InProcessCluster.await(() -> cluster.host(leader).status(1).matchIndex().values().stream()
                    .allMatch(m -> m >= index), 10_000)).isTrue();

            GroupStatus status = cluster.host(leader).status(1);
            assertThat(status.role()).isEqualTo(Role.LEADER);
            assertThat(status.leader()).isEqualTo(leader);
            assertThat(status.commitIndex()).isGreaterThanOrEqualTo(index);
            assertThat(status.appliedIndex()).isGreaterThanOrEqualTo(index);
            assertThat(status.lastIndex()).isGreaterThanOrEqualTo(status.commitIndex());
            assertThat(status.membership()).isEqualTo(cluster.membership());
            assertThat(status.matchIndex()).containsOnlyKeys(cluster.nodes().stream().filter(n -> n != leader).toArray(Long[]::new));
            long follower = leader == 1 ? 2 : 1;
            assertThat(cluster.host(follower).status(1).matchIndex()).isEmpty();
            assertThat(cluster.host(leader).status(42)).isNull();
        }
    }

    @Test
    void metricsCountProposalsCommitsAndTheElectionThatMadeTheLeader() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 3, 1, WalOptions.defaults())) {
            long leader = cluster.awaitLeader(1, 10_000);
            for (int i = 0; i < 10; i++) {
                cluster.host(leader).propose(1, new byte[] {(byte) i}).get(10, TimeUnit.SECONDS);
            }
            RaftMetrics metrics = cluster.host(leader).metrics();
            assertThat(metrics.proposals()).isEqualTo(10);
            assertThat(metrics.commits()).as("the ten commands and the leader's no-op").isGreaterThanOrEqualTo(11);
            assertThat(metrics.electionsStarted()).isGreaterThanOrEqualTo(1);
            assertThat(metrics.leaderChanges()).isGreaterThanOrEqualTo(1);
            assertThat(metrics.walSyncs()).isPositive();
            assertThat(InProcessCluster.await(() -> metrics.applyLag().getOrDefault(1L, -1L) == 0, 5_000))
                    .as("apply lag of group 1 back to 0: " + metrics.applyLag()).isTrue();
        }
    }

    @Test
    void aSingleVoterThatWinsWithinOneTickStillCountsItsElection() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster(dir, 1, 1, WalOptions.defaults().withFsync(false))) {
            cluster.awaitLeader(1, 10_000);

            assertThat(cluster.host(1).metrics().electionsStarted()).isEqualTo(1);
            assertThat(cluster.host(1).metrics().leaderChanges()).isEqualTo(1);
        }
    }
}
