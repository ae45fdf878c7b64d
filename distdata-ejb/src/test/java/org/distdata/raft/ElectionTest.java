package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.distdata.raft.Message.VoteRequest;
import org.distdata.raft.Message.VoteResponse;
import org.junit.jupiter.api.Test;

/**
 * Leader election: randomized timeouts, PreVote (a partitioned replica cannot inflate its
 * term), CheckQuorum (a leader that lost its quorum steps down) and the follower lease (a
 * replica that hears from a leader does not help depose it, except for a transfer).
 */
class ElectionTest {

    private static final int ELECTION_TICKS = RaftOptions.defaults(1).electionTicks();

    @Test
    void exactlyOneLeaderIsElectedAmongThreeByTicking() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.tickAll(ELECTION_TICKS - 1);
        assertThat(cluster.takeSent()).as("nobody campaigns before the minimum timeout")
                .noneMatch(m -> m instanceof VoteRequest);

        cluster.tickAll(4 * ELECTION_TICKS);

        List<Long> leaders = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            if (cluster.node(id).role() == Role.LEADER) {
                leaders.add(id);
            }
        }
        assertThat(leaders).hasSize(1);
        long leader = leaders.get(0);
        for (long id = 1; id <= 3; id++) {
            assertThat(cluster.node(id).leader()).isEqualTo(leader);
            assertThat(cluster.node(id).term()).isEqualTo(cluster.node(leader).term());
        }
    }

    @Test
    void electionTimeoutsAreRandomizedPerReplicaBetweenOneAndTwoElectionTimeouts() {
        RaftCluster cluster = RaftCluster.of(3);
        Map<Long, List<Integer>> campaignTicks = new TreeMap<>();
        for (int tick = 1; tick <= 30 * ELECTION_TICKS; tick++) {
            for (long id = 1; id <= 3; id++) {
                cluster.tick(id, 1);
                if (cluster.takeSent().stream().anyMatch(m -> m instanceof VoteRequest)) {
                    campaignTicks.computeIfAbsent(id, x -> new ArrayList<>()).add(tick);
                }
            }
            cluster.drop(m -> true); // nobody hears anybody: every node keeps timing out
        }

        for (long id = 1; id <= 3; id++) {
            List<Integer> ticks = campaignTicks.get(id);
            Set<Integer> intervals = new HashSet<>();
            int previous = 0;
            for (int tick : ticks) {
                assertThat(tick - previous).isBetween(ELECTION_TICKS, 2 * ELECTION_TICKS - 1);
                intervals.add(tick - previous);
                previous = tick;
            }
            assertThat(intervals).as("timeouts of n" + id).hasSizeGreaterThan(3);
        }
        List<Integer> onlyTwo = new ArrayList<>(campaignTicks.get(2L));
        onlyTwo.removeAll(campaignTicks.get(3L));
        assertThat(onlyTwo).as("ticks at which n2 timed out and n3 did not").isNotEmpty();
    }

    @Test
    void isolatedReplicaDoesNotRaiseItsTermWithPreVote() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        long term = cluster.node(1).term();
        cluster.isolate(3);
        cluster.takeSent();

        cluster.tickAll(20 * ELECTION_TICKS);

        assertThat(cluster.takeSent()).as("n3 did campaign")
                .anyMatch(m -> m instanceof VoteRequest v && v.from() == 3 && v.preVote());
        assertThat(cluster.node(3).term()).isEqualTo(term);
    }

    @Test
    void replicaReturningFromAPartitionDoesNotDisruptTheLeader() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        long term = cluster.node(1).term();
        cluster.isolate(3);
        cluster.tickAll(20 * ELECTION_TICKS);

        cluster.heal();
        cluster.tickAll(2 * ELECTION_TICKS);

        assertThat(cluster.node(1).role()).isEqualTo(Role.LEADER);
        assertThat(cluster.node(1).term()).isEqualTo(term);
        assertThat(cluster.node(3).role()).isEqualTo(Role.FOLLOWER);
        assertThat(cluster.node(3).leader()).isEqualTo(1);
    }

    /** What PreVote prevents: without it the same partition deposes the leader. */
    @Test
    void withoutPreVoteAReturningReplicaDeposesTheLeader() {
        RaftCluster cluster = RaftCluster.of(3, 3, id -> RaftOptions.defaults(id).withPreVoteAndCheckQuorum(false, true));
        cluster.elect(1);
        long term = cluster.node(1).term();
        cluster.isolate(3);
        cluster.tickAll(20 * ELECTION_TICKS);
        assertThat(cluster.node(3).term()).isGreaterThan(term);

        cluster.heal();
        cluster.tickAll(2 * ELECTION_TICKS);

        assertThat(cluster.node(1).term()).isGreaterThan(term);
    }

    @Test
    void isolatedLeaderStepsDownWithinTwoElectionTimeouts() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.isolate(1);

        int ticks = 0;
        while (cluster.node(1).role() == Role.LEADER && ticks < 10 * ELECTION_TICKS) {
            cluster.tickAll(1);
            ticks++;
        }

        assertThat(cluster.node(1).role()).isNotEqualTo(Role.LEADER);
        assertThat(ticks).isLessThanOrEqualTo(2 * ELECTION_TICKS);
    }

    @Test
    void followerThatHeardFromTheLeaderRecentlyIgnoresAVoteRequest() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.tickAll(1);
        RaftReplica n3 = cluster.node(3);
        long term = n3.term();
        cluster.takeSent();

        n3.step(new VoteRequest(2, 3, term + 1, n3.lastIndex(), n3.termAt(n3.lastIndex()), false, false));
        cluster.processAll();

        assertThat(n3.term()).isEqualTo(term);
        assertThat(n3.vote()).isEqualTo(1);
        assertThat(cluster.takeSent()).noneMatch(m -> m instanceof VoteResponse);
    }

    @Test
    void followerCutOffFromTheLeaderCannotWinVotesFromReplicasThatStillHearFromIt() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        long term = cluster.node(1).term();
        cluster.cut(1, 2);
        cluster.takeSent();

        cluster.tickAll(10 * ELECTION_TICKS);

        assertThat(cluster.takeSent()).as("n2 did campaign").anyMatch(m -> m instanceof VoteRequest v && v.from() == 2);
        assertThat(cluster.node(1).role()).isEqualTo(Role.LEADER);
        for (long id = 1; id <= 3; id++) {
            assertThat(cluster.node(id).term()).as("term of n" + id).isEqualTo(term);
        }
    }

    @Test
    void transferElectionWinsVotesFromFollowersThatStillHearFromTheLeader() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.tickAll(1);
        long term = cluster.node(1).term();

        cluster.node(1).transferLeadership(3);
        cluster.deliverAll();

        assertThat(cluster.node(3).role()).isEqualTo(Role.LEADER);
        assertThat(cluster.node(3).term()).isEqualTo(term + 1);
        assertThat(cluster.node(2).vote()).as("n2 voted although it had just heard from n1").isEqualTo(3);
    }
}
