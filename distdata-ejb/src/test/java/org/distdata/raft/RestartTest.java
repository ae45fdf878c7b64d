package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.distdata.raft.Message.VoteRequest;
import org.distdata.raft.Message.VoteResponse;
import org.junit.jupiter.api.Test;

/** A replica restarted from what it persisted keeps its promises: term, vote and log. */
class RestartTest {

    @Test
    void restartedReplicaKeepsItsTermAndVoteAndRefusesASecondVoteInThatTerm() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        long term = cluster.node(3).term();

        VoteResponse answer = restartN3AndAskForItsVoteForN2(cluster);

        assertThat(cluster.node(3).term()).isEqualTo(term);
        assertThat(cluster.node(3).vote()).isEqualTo(1);
        assertThat(answer.granted()).isFalse();
    }

    /** The scenario has teeth: with the vote left out of the hard state it grants a second vote. */
    @Test
    void forgettingTheVoteLetsTheRestartedReplicaVoteTwiceInOneTerm() {
        RaftCluster cluster = RaftCluster.of(3, 3,
                id -> RaftOptions.defaults(id).withInjectedBugs(Set.of(InjectedBug.FORGET_VOTE)));
        cluster.elect(1);

        assertThat(restartN3AndAskForItsVoteForN2(cluster).granted()).isTrue();
    }

    @Test
    void restartedFollowerReappliesItsCommittedEntriesAndCatchesUp() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.propose(1, "a");
        cluster.deliverAll();
        cluster.tickAll(1);
        cluster.crash(3);
        cluster.propose(1, "b");
        cluster.deliverAll();

        cluster.restart(3);
        assertThat(cluster.applied(3)).isEmpty();
        cluster.tickAll(3);

        assertThat(cluster.applied(3)).containsExactly("a", "b");
    }

    private static VoteResponse restartN3AndAskForItsVoteForN2(RaftCluster cluster) {
        cluster.crash(3);
        cluster.restart(3);
        RaftReplica n3 = cluster.node(3);
        cluster.takeSent();
        n3.step(new VoteRequest(2, 3, n3.term(), n3.lastIndex(), n3.termAt(n3.lastIndex()), false, false));
        cluster.processAll();
        return cluster.takeSent().stream().filter(m -> m instanceof VoteResponse).map(m -> (VoteResponse) m)
                .findFirst().orElseThrow();
    }
}
