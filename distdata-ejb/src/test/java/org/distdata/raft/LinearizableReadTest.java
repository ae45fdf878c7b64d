package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.distdata.raft.Message.AppendRequest;
import org.distdata.raft.Message.Heartbeat;
import org.distdata.raft.ProposalRejectedException.Reason;
import org.junit.jupiter.api.Test;

/**
 * Linearizable reads: ReadIndex waits for a heartbeat round a quorum answers; the leader
 * lease skips that round only while it holds and no transfer is under way; no read is
 * served before the leader has committed an entry of its own term; followers refuse.
 */
class LinearizableReadTest {

    private static final RaftOptions DEFAULTS = RaftOptions.defaults(1);
    private static final int LEASE_TICKS = DEFAULTS.electionTicks() - DEFAULTS.leaseMarginTicks();

    @Test
    void readIndexIsReleasedOnlyAfterAQuorumAnswersAHeartbeatRound() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.propose(1, "a");
        cluster.deliverAll();
        cluster.takeSent();

        cluster.node(1).read(7, ReadMode.READ_INDEX);
        cluster.processAll();

        assertThat(cluster.reads(1)).isEmpty();
        assertThat(cluster.takeSent()).filteredOn(m -> m instanceof Heartbeat).hasSize(2);
        cluster.deliverAll();
        assertThat(cluster.reads(1)).containsExactly(new ReadState(7, cluster.node(1).commitIndex()));
    }

    @Test
    void leaderCutOffFromTheQuorumNeverReleasesARead() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.tickAll(1);
        cluster.isolate(1);

        cluster.node(1).read(7, ReadMode.READ_INDEX);
        cluster.tickAll(4 * DEFAULTS.electionTicks());

        assertThat(cluster.reads(1)).isEmpty();
        cluster.heal();
        cluster.tickAll(2 * DEFAULTS.electionTicks());
        assertThat(cluster.reads(1)).isEmpty();
    }

    @Test
    void readsWaitUntilTheNewLeaderCommitsAnEntryOfItsTerm() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.propose(1, "a");
        cluster.deliverAll();
        cluster.node(1).transferLeadership(2);
        RaftReplica n2 = cluster.node(2);
        cluster.deliverWhile(() -> n2.role() != Role.LEADER);
        long noop = n2.lastIndex();
        assertThat(n2.commitIndex()).isLessThan(noop);

        n2.read(1, ReadMode.READ_INDEX);
        n2.read(2, ReadMode.LEASE);
        for (int i = 0; i < 3; i++) {
            cluster.tick(2, 1);
            deliverAllBut(cluster, AppendRequest.class); // heartbeat rounds complete, the no-op never lands
        }
        assertThat(n2.commitIndex()).isLessThan(noop);
        assertThat(cluster.reads(2)).isEmpty();

        cluster.tickAll(2);

        assertThat(cluster.reads(2)).containsExactlyInAnyOrder(new ReadState(1, noop), new ReadState(2, noop));
    }

    @Test
    void leaseReadIsReleasedWithoutARoundTripAfterAQuorumAcknowledgedHeartbeat() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.tickAll(1);
        cluster.takeSent();

        cluster.node(1).read(7, ReadMode.LEASE);
        cluster.processAll();

        assertThat(cluster.reads(1)).containsExactly(new ReadState(7, cluster.node(1).commitIndex()));
        assertThat(cluster.takeSent()).isEmpty();
    }

    @Test
    void leaseReadRightAfterTheElectionWaitsForAHeartbeatRound() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);

        cluster.node(1).read(7, ReadMode.LEASE);
        cluster.processAll();

        assertThat(cluster.reads(1)).isEmpty();
        cluster.deliverAll();
        assertThat(cluster.reads(1)).hasSize(1);
    }

    @Test
    void leaseReadIsNotServedAfterTheLeaseLapses() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.tickAll(1); // a heartbeat round every follower answers
        cluster.isolate(1);
        RaftReplica n1 = cluster.node(1);

        cluster.tick(1, LEASE_TICKS - 1);
        n1.read(7, ReadMode.LEASE);
        cluster.processAll();
        assertThat(cluster.reads(1)).extracting(ReadState::requestId).containsExactly(7L);

        cluster.tick(1, 1);
        n1.read(8, ReadMode.LEASE);
        cluster.tickAll(DEFAULTS.electionTicks());

        assertThat(cluster.reads(1)).extracting(ReadState::requestId).containsExactly(7L);
    }

    @Test
    void leaseReadIsNotServedWithoutARoundTripDuringALeadershipTransfer() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);
        cluster.tickAll(1);
        cluster.cut(1, 2);
        RaftReplica n1 = cluster.node(1);

        n1.transferLeadership(2);
        n1.read(7, ReadMode.LEASE);
        cluster.processAll();

        assertThat(cluster.reads(1)).isEmpty();
    }

    @Test
    void followerRefusesReadsNamingTheLeader() {
        RaftCluster cluster = RaftCluster.of(3);
        cluster.elect(1);

        ProposalRejectedException refused = catchThrowableOfType(ProposalRejectedException.class,
                () -> cluster.node(2).read(7, ReadMode.READ_INDEX));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(Reason.NOT_LEADER);
        assertThat(refused.leaderHint()).isEqualTo(1);
        assertThat(catchThrowableOfType(ProposalRejectedException.class,
                () -> cluster.node(3).read(8, ReadMode.LEASE)).reason()).isEqualTo(Reason.NOT_LEADER);
    }

    /** Delivers every queued message, dropping those of one type (also those sent meanwhile). */
    private static void deliverAllBut(RaftCluster cluster, Class<? extends Message> dropped) {
        cluster.deliverWhile(() -> {
            cluster.drop(dropped::isInstance);
            return !cluster.queued().isEmpty();
        });
        cluster.drop(dropped::isInstance);
    }
}
