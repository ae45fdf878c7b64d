package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.distdata.raft.Message.AppendRequest;
import org.distdata.raft.Message.AppendResponse;
import org.junit.jupiter.api.Test;

/**
 * Log replication: every replica applies the same commands in the same order; appends are
 * batched and pipelined; a follower with a long conflicting suffix is repaired in a fixed
 * number of round trips; a lost append is repaired without waiting for the next proposal;
 * and only entries of the leader's own term are committed by counting.
 */
class ReplicationTest {

    @Test
    void commandsAreAppliedOnEveryReplicaInTheOrderProposed() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        List<String> proposed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            proposed.add("c" + i);
            cluster.propose(1, "c" + i);
            if (i % 3 == 0) {
                cluster.deliverAll(); // some delivered one by one, some in a backlog
            }
        }
        cluster.deliverAll();
        cluster.tickAll(1);

        for (long id = 1; id <= 3; id++) {
            assertThat(cluster.applied(id)).as("applied on n" + id).isEqualTo(proposed);
        }
    }

    @Test
    void oneProposalOfManyCommandsLeavesAsOneAppendPerFollower() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.takeSent();

        cluster.node(1).propose(commands(100));
        cluster.processAll();

        List<AppendRequest> appends = appendsFrom(1, cluster.takeSent());
        assertThat(appends).extracting(AppendRequest::to).containsExactlyInAnyOrder(2L, 3L);
        assertThat(appends).allSatisfy(a -> assertThat(a.entries()).hasSize(100));
        cluster.deliverAll();
        cluster.tickAll(1);
        assertThat(cluster.applied(3)).hasSize(100);
    }

    @Test
    void appendsArePipelinedUpToTheWindowBeforeAnyResponseArrives() {
        RaftCluster cluster = RaftCluster.of(3, 3, id -> RaftOptions.defaults(id).withBatching(10, 1 << 20, 4));
        cluster.elect(1);
        long first = cluster.node(1).lastIndex() + 1;
        cluster.takeSent();

        cluster.node(1).propose(commands(100));
        cluster.processAll();

        List<AppendRequest> toTwo = appendsFrom(1, cluster.takeSent()).stream().filter(a -> a.to() == 2).toList();
        assertThat(toTwo).hasSize(4);
        for (int i = 0; i < toTwo.size(); i++) {
            assertThat(toTwo.get(i).prevIndex()).isEqualTo(first - 1 + 10L * i);
            assertThat(toTwo.get(i).entries()).hasSize(10);
        }
        cluster.deliverAll();
        cluster.tickAll(1);
        assertThat(cluster.applied(2)).isEqualTo(cluster.applied(1)).hasSize(100);
    }

    @Test
    void fastBacktrackingRepairsAConflictingSuffixInRejectionsThatDoNotGrowWithItsLength() {
        int fewRejections = rejectionsToRepairASuffixOf(20);
        int manyRejections = rejectionsToRepairASuffixOf(400);

        assertThat(fewRejections).isBetween(1, 2);
        assertThat(manyRejections).isEqualTo(fewRejections);
    }

    /**
     * n1 leads term 1 alone and appends {@code length} commands nobody else sees; n2 then
     * leads term 2 and n3 term 3, each appending entries of its own. When n1 returns, n3
     * must replace n1's whole suffix.
     */
    private static int rejectionsToRepairASuffixOf(int length) {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.propose(1, "a");
        cluster.deliverAll();
        cluster.isolate(1);
        cluster.node(1).propose(commands(length));
        cluster.processAll();
        cluster.elect(2);
        cluster.node(2).propose(commands(length / 2));
        cluster.deliverAll();
        cluster.elect(3);
        cluster.propose(3, "b");
        cluster.deliverAll();
        cluster.takeSent();

        cluster.heal();
        cluster.tickAll(5);

        RaftReplica n1 = cluster.node(1);
        RaftReplica n3 = cluster.node(3);
        assertThat(n1.lastIndex()).isEqualTo(n3.lastIndex());
        for (long i = 1; i <= n3.lastIndex(); i++) {
            assertThat(n1.entryAt(i)).isEqualTo(n3.entryAt(i));
        }
        assertThat(cluster.applied(1)).isEqualTo(cluster.applied(3));
        return (int) cluster.takeSent().stream()
                .filter(m -> m instanceof AppendResponse r && r.from() == 1 && !r.success()).count();
    }

    @Test
    void followerThatLostAnAppendCatchesUpWithoutFurtherProposals() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.propose(1, "a");
        cluster.drop(m -> m.to() == 3);
        cluster.deliverAll();
        assertThat(cluster.applied(1)).containsExactly("a");

        cluster.tickAll(3);

        assertThat(cluster.applied(3)).containsExactly("a");
    }

    @Test
    void leaderThatLostAFollowersAppendsStillCommitsWhenTheOtherFollowerIsDown() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.crash(3);
        cluster.propose(1, "a");
        cluster.drop(m -> m.to() == 2);
        cluster.deliverAll();

        cluster.tickAll(3);

        assertThat(cluster.applied(1)).containsExactly("a");
    }

    /**
     * A three-node variant of figure 8: n1's entry x of term 1 reaches a majority only after
     * n1 has been re-elected in term 2, and stays uncommitted until n1's no-op of term 2 is
     * stored by a majority as well.
     */
    @Test
    void anOlderTermEntryOnAMajorityIsCommittedOnlyWithAnEntryOfTheLeadersTerm() {
        RaftCluster cluster = RaftCluster.of(3, 3, id -> RaftOptions.defaults(id).withBatching(1, 1 << 20, 1));
        cluster.elect(1);
        cluster.isolate(1);
        long x = cluster.propose(1, "x");
        cluster.deliverAll();
        cluster.crash(1);
        cluster.heal();
        cluster.restart(1);
        RaftReplica n1 = cluster.node(1);
        n1.step(new Message.TimeoutNow(1, 1, n1.term()));
        cluster.deliverWhile(() -> !(cluster.node(2).termAt(x) == 1 && cluster.node(3).termAt(x) == 1));
        cluster.deliverWhile(() -> !cluster.queued().stream().allMatch(m -> m instanceof AppendRequest a
                && a.entries().stream().anyMatch(e -> e.index() == x + 1)));

        assertThat(n1.role()).isEqualTo(Role.LEADER);
        assertThat(n1.term()).isEqualTo(2);
        assertThat(n1.commitIndex()).as("x is on all three but of term 1").isEqualTo(x - 1);

        cluster.deliverAll();
        assertThat(n1.commitIndex()).isEqualTo(x + 1);
    }

    static List<byte[]> commands(int count) {
        List<byte[]> commands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add(("c" + i).getBytes(StandardCharsets.UTF_8));
        }
        return commands;
    }

    private static List<AppendRequest> appendsFrom(long from, List<Message> sent) {
        List<AppendRequest> out = new ArrayList<>();
        for (Message m : sent) {
            if (m instanceof AppendRequest a && a.from() == from && !a.entries().isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }
}
