package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.distdata.raft.Message.AppendResponse;
import org.distdata.raft.Message.TimeoutNow;
import org.distdata.raft.ProposalRejectedException.Reason;
import org.junit.jupiter.api.Test;

/**
 * Leadership transfer: the leader catches the target up, tells it to campaign at once, and
 * takes no proposals meanwhile; if the target does not win within an election timeout the
 * leader serves again.
 */
class LeadershipTransferTest {

    private static final int ELECTION_TICKS = RaftOptions.defaults(1).electionTicks();

    @Test
    void transferMakesTheTargetLeaderInTheNextTerm() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.propose(1, "a");
        cluster.deliverAll();
        long term = cluster.node(1).term();

        cluster.node(1).transferLeadership(2);
        cluster.deliverAll();

        assertThat(cluster.node(2).role()).isEqualTo(Role.LEADER);
        assertThat(cluster.node(2).term()).isEqualTo(term + 1);
        assertThat(cluster.node(1).role()).isEqualTo(Role.FOLLOWER);
        cluster.propose(2, "b");
        cluster.deliverAll();
        cluster.tickAll(1);
        for (long id = 1; id <= 3; id++) {
            assertThat(cluster.applied(id)).containsExactly("a", "b");
        }
    }

    @Test
    void transferToALaggingTargetCatchesItUpBeforeItCampaigns() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.cut(1, 2);
        cluster.propose(1, "a");
        cluster.propose(1, "b");
        cluster.deliverAll();
        cluster.heal();
        long last = cluster.node(1).lastIndex();
        assertThat(cluster.node(2).lastIndex()).isLessThan(last);
        cluster.takeSent();

        cluster.node(1).transferLeadership(2);
        cluster.deliverAll();

        assertThat(cluster.node(2).role()).isEqualTo(Role.LEADER);
        List<Message> sent = cluster.takeSent();
        int caughtUp = indexOf(sent, m -> m instanceof AppendResponse r && r.from() == 2 && r.success()
                && r.index() == last);
        int timeoutNow = indexOf(sent, m -> m instanceof TimeoutNow);
        assertThat(caughtUp).isNotNegative();
        assertThat(timeoutNow).isGreaterThan(caughtUp);
        cluster.tickAll(1);
        assertThat(cluster.applied(2)).containsExactly("a", "b");
    }

    @Test
    void proposalsAndMembershipChangesDuringATransferAreRefused() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        RaftReplica n1 = cluster.node(1);
        long last = n1.lastIndex();

        n1.transferLeadership(2);

        assertThat(refusal(() -> n1.propose(bytes("x")))).isEqualTo(Reason.TRANSFERRING_LEADERSHIP);
        assertThat(refusal(() -> n1.proposeMembershipChange(new MembershipChange(MembershipChange.Type.REMOVE, 3))))
                .isEqualTo(Reason.TRANSFERRING_LEADERSHIP);
        assertThat(n1.lastIndex()).isEqualTo(last);
    }

    @Test
    void transferToAnUnreachableTargetIsAbandonedAfterAnElectionTimeout() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.isolate(2);
        RaftReplica n1 = cluster.node(1);

        n1.transferLeadership(2);
        cluster.tickAll(ELECTION_TICKS - 1);
        assertThat(refusal(() -> n1.propose(bytes("x")))).isEqualTo(Reason.TRANSFERRING_LEADERSHIP);
        cluster.tickAll(1);

        assertThat(n1.role()).isEqualTo(Role.LEADER);
        cluster.propose(1, "x");
        cluster.deliverAll();
        cluster.tickAll(1);
        assertThat(cluster.applied(1)).containsExactly("x");
        assertThat(cluster.applied(3)).containsExactly("x");
    }

    private static Reason refusal(ThrowingCallable action) {
        ProposalRejectedException refused = catchThrowableOfType(ProposalRejectedException.class, action);
        assertThat(refused).as("refused").isNotNull();
        return refused.reason();
    }

    private static byte[] bytes(String command) {
        return command.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(List<Message> sent, Predicate<Message> which) {
        for (int i = 0; i < sent.size(); i++) {
            if (which.test(sent.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
