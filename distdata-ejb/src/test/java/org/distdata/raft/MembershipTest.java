package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.distdata.raft.MembershipChange.Type;
import org.distdata.raft.Message.VoteRequest;
import org.distdata.raft.Message.VoteResponse;
import org.distdata.raft.ProposalRejectedException.Reason;
import org.junit.jupiter.api.Test;

/**
 * Single-server membership changes: learners receive the log but neither vote nor count
 * towards commit until promoted; one change at a time; removing a voter, the leader
 * included, shrinks the quorum.
 */
class MembershipTest {

    private static final int ELECTION_TICKS = RaftOptions.defaults(1).electionTicks();

    @Test
    void learnerReceivesAndAppliesTheLogButDoesNotCountTowardsCommit() {
        RaftCluster cluster = votersAndALearner(3, 4);
        cluster.propose(1, "a");
        cluster.deliverAll();
        cluster.tickAll(1);
        assertThat(cluster.applied(4)).containsExactly("a");
        assertThat(cluster.node(4).membership().learners()).containsExactly(4L);

        cluster.crash(2);
        cluster.crash(3);
        long b = cluster.propose(1, "b");
        cluster.deliverAll();
        cluster.tickAll(2);

        assertThat(cluster.node(4).lastIndex()).as("the learner stores b").isEqualTo(b);
        assertThat(cluster.node(1).commitIndex()).as("leader and learner are no quorum of 3").isLessThan(b);
        assertThat(cluster.applied(1)).containsExactly("a");
    }

    @Test
    void learnerNeverCampaignsEvenWhenToldTo() {
        RaftCluster cluster = votersAndALearner(3, 4);
        cluster.crash(1);
        cluster.takeSent();

        cluster.tickAll(10 * ELECTION_TICKS);
        cluster.node(4).step(new Message.TimeoutNow(2, 4, cluster.node(4).term()));
        cluster.processAll();

        assertThat(cluster.takeSent()).noneMatch(m -> m instanceof VoteRequest v && (v.from() == 4 || v.to() == 4));
        assertThat(cluster.node(4).role()).isEqualTo(Role.FOLLOWER);
        assertThat(cluster.leader()).as("the voters did elect").isIn(2L, 3L);
    }

    @Test
    void learnersVoteIsNotCounted() {
        RaftCluster cluster = votersAndALearner(3, 4);
        cluster.crash(1);
        cluster.crash(3);
        cluster.tick(2, 2 * ELECTION_TICKS);
        RaftReplica n2 = cluster.node(2);
        assertThat(n2.role()).isEqualTo(Role.PRE_CANDIDATE);

        n2.step(new VoteResponse(4, 2, n2.term() + 1, true, true));

        assertThat(n2.role()).isEqualTo(Role.PRE_CANDIDATE);
    }

    @Test
    void promotedLearnerCountsInTheQuorum() {
        RaftCluster cluster = votersAndALearner(2, 3);
        cluster.crash(2);
        long a = cluster.propose(1, "a");
        cluster.deliverAll();
        assertThat(cluster.node(1).commitIndex()).as("n1 and a learner are no quorum of 2").isLessThan(a);
        cluster.restart(2);
        cluster.tickAll(2);
        assertThat(cluster.applied(3)).containsExactly("a");

        propose(cluster, new MembershipChange(Type.PROMOTE, 3));
        assertThat(cluster.node(1).membership().voters()).containsExactly(1L, 2L, 3L);
        cluster.crash(2);
        cluster.propose(1, "b");
        cluster.deliverAll();
        cluster.tickAll(1);

        assertThat(cluster.applied(1)).containsExactly("a", "b");
        assertThat(cluster.applied(3)).containsExactly("a", "b");
    }

    @Test
    void secondMembershipChangeWhileOneIsPendingIsRefused() {
        RaftCluster cluster = RaftCluster.of(5, 3, RaftOptions::defaults);
        cluster.elect(1);
        RaftReplica n1 = cluster.node(1);
        n1.proposeMembershipChange(new MembershipChange(Type.ADD_LEARNER, 4));
        cluster.processAll();
        long last = n1.lastIndex();

        ProposalRejectedException refused = catchThrowableOfType(ProposalRejectedException.class,
                () -> n1.proposeMembershipChange(new MembershipChange(Type.ADD_LEARNER, 5)));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(Reason.MEMBERSHIP_CHANGE_PENDING);
        assertThat(n1.lastIndex()).isEqualTo(last);
        cluster.deliverAll();
        n1.proposeMembershipChange(new MembershipChange(Type.ADD_LEARNER, 5));
        cluster.deliverAll();
        assertThat(n1.membership().learners()).containsExactly(4L, 5L);
    }

    @Test
    void removedLeaderStepsDownAndTheOthersElectANewOne() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);

        propose(cluster, new MembershipChange(Type.REMOVE, 1));

        assertThat(cluster.node(1).role()).isEqualTo(Role.FOLLOWER);
        cluster.takeSent();
        cluster.tickAll(6 * ELECTION_TICKS);
        Long leader = cluster.leader();
        assertThat(leader).isIn(2L, 3L);
        assertThat(cluster.node(leader).membership().voters()).containsExactly(2L, 3L);
        assertThat(cluster.takeSent()).noneMatch(m -> m instanceof VoteRequest v && v.from() == 1);
        cluster.propose(leader, "x");
        cluster.deliverAll();
        cluster.tickAll(1);
        assertThat(cluster.applied(2)).containsExactly("x");
        assertThat(cluster.applied(3)).containsExactly("x");
    }

    @Test
    void removedVoterNoLongerCountsSoTheRemainingMajorityCommitsWithoutIt() {
        RaftCluster cluster = RaftCluster.of(4);
        cluster.elect(1);

        propose(cluster, new MembershipChange(Type.REMOVE, 4));
        cluster.crash(3);
        cluster.crash(4);
        cluster.propose(1, "x");
        cluster.deliverAll();
        cluster.tickAll(1);

        assertThat(cluster.node(1).membership().voters()).containsExactly(1L, 2L, 3L);
        assertThat(cluster.applied(1)).containsExactly("x");
        assertThat(cluster.applied(2)).containsExactly("x");
    }

    /** Nodes 1..{@code voters} vote, n1 leads, and {@code learner} has been added as a learner. */
    private static RaftCluster votersAndALearner(int voters, long learner) {
        RaftCluster cluster = RaftCluster.of((int) learner, voters, RaftOptions::defaults);
        cluster.elect(1);
        propose(cluster, new MembershipChange(Type.ADD_LEARNER, learner));
        cluster.tickAll(1); // the followers learn that the change is committed
        for (long id = 1; id <= learner; id++) {
            assertThat(cluster.node(id).membership().learners()).as("learners known to n" + id).containsExactly(learner);
        }
        return cluster;
    }

    private static void propose(RaftCluster cluster, MembershipChange change) {
        long leader = cluster.leader();
        long index = cluster.node(leader).proposeMembershipChange(change);
        cluster.deliverAll();
        assertThat(cluster.node(leader).commitIndex()).isGreaterThanOrEqualTo(index);
    }
}
