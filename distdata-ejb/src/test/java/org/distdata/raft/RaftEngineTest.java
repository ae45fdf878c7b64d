package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.distdata.raft.Message.Heartbeat;
import org.distdata.raft.Message.HeartbeatResponse;
import org.distdata.raft.Message.VoteRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes hosting the same 100 groups, each node's groups in one {@link RaftEngine}:
 * heartbeats leave as one message per peer per tick, and those bundles keep every group's
 * followers from campaigning.
 */
class RaftEngineTest {

    private static final int GROUPS = 100;
    private static final int ELECTION_TICKS = RaftOptions.defaults(1).electionTicks();

    private final Map<Long, RaftEngine> engines = new TreeMap<>();
    private final Deque<PeerMessage> network = new ArrayDeque<>();
    private final List<PeerMessage> sent = new ArrayList<>();

    @BeforeEach
    void threeNodesWithNodeOneLeadingEveryGroup() {
        Membership members = Membership.ofVoters(1L, 2L, 3L);
        for (long node = 1; node <= 3; node++) {
            RaftEngine engine = new RaftEngine(node);
            for (long group = 1; group <= GROUPS; group++) {
                engine.addGroup(group, RaftReplica.bootstrap(
                        RaftOptions.defaults(node).withRandomSeed(node * 1000 + group), members));
            }
            engines.put(node, engine);
        }
        for (RaftReplica replica : engines.get(1L).groups().values()) {
            replica.step(new Message.TimeoutNow(1, 1, replica.term()));
        }
        deliverAll();
        for (RaftReplica replica : engines.get(1L).groups().values()) {
            assertThat(replica.role()).isEqualTo(Role.LEADER);
            assertThat(replica.commitIndex()).isEqualTo(1);
        }
        sent.clear();
    }

    @Test
    void heartbeatsOfAllGroupsLeaveAsOneMessagePerPeerPerTick() {
        engines.values().forEach(RaftEngine::tick);
        List<PeerMessage> fromLeader = process(engines.get(1L));

        assertThat(fromLeader).hasSize(2).allSatisfy(m -> assertThat(m).isInstanceOf(PeerMessage.Heartbeats.class));
        assertThat(fromLeader).extracting(PeerMessage::to).containsExactlyInAnyOrder(2L, 3L);
        for (PeerMessage m : fromLeader) {
            List<GroupMessage> beats = ((PeerMessage.Heartbeats) m).beats();
            assertThat(beats).extracting(GroupMessage::group).doesNotHaveDuplicates().hasSize(GROUPS);
            assertThat(beats).allSatisfy(b -> assertThat(b.message()).isInstanceOf(Heartbeat.class));
        }

        fromLeader.forEach(m -> engines.get(m.to()).step(m));
        List<PeerMessage> answer = process(engines.get(2L));
        assertThat(answer).singleElement().isInstanceOfSatisfying(PeerMessage.Heartbeats.class, h -> {
            assertThat(h.to()).isEqualTo(1);
            assertThat(h.beats()).hasSize(GROUPS)
                    .allSatisfy(b -> assertThat(b.message()).isInstanceOf(HeartbeatResponse.class));
        });
    }

    @Test
    void bundledHeartbeatsKeepEveryGroupsFollowersFromCampaigning() {
        long term = engines.get(1L).group(1).term();

        for (int tick = 0; tick < 10 * ELECTION_TICKS; tick++) {
            engines.values().forEach(RaftEngine::tick);
            deliverAll();
            assertThat(sent).filteredOn(m -> m.from() == 1).hasSize(2);
            sent.clear();
        }

        for (long node = 2; node <= 3; node++) {
            for (RaftReplica replica : engines.get(node).groups().values()) {
                assertThat(replica.role()).isEqualTo(Role.FOLLOWER);
                assertThat(replica.leader()).isEqualTo(1);
                assertThat(replica.term()).isEqualTo(term);
            }
        }
    }

    @Test
    void withoutTheBundlesTheFollowersCampaign() {
        for (int tick = 0; tick < 3 * ELECTION_TICKS; tick++) {
            engines.values().forEach(RaftEngine::tick);
            for (RaftEngine engine : engines.values()) {
                process(engine);
            }
            network.removeIf(m -> m instanceof PeerMessage.Heartbeats);
            deliverAll();
        }

        assertThat(sent).anySatisfy(m -> assertThat(m).isInstanceOfSatisfying(PeerMessage.Single.class,
                s -> assertThat(s.message()).isInstanceOf(VoteRequest.class)));
    }

    /** Runs every engine's Ready loop and delivers what they send until nothing moves. */
    private void deliverAll() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (RaftEngine engine : engines.values()) {
                network.addAll(process(engine));
            }
            while (!network.isEmpty()) {
                PeerMessage m = network.pollFirst();
                engines.get(m.to()).step(m);
                moved = true;
            }
        }
    }

    private List<PeerMessage> process(RaftEngine engine) {
        List<PeerMessage> out = new ArrayList<>();
        while (engine.hasReady()) {
            RaftEngine.EngineReady ready = engine.ready();
            out.addAll(ready.messages());
            engine.advance(ready);
        }
        sent.addAll(out);
        return out;
    }
}
