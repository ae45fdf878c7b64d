package org.distdata.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.distdata.raft.Entry;
import org.distdata.raft.HardState;
import org.distdata.raft.Membership;
import org.distdata.raft.Message;
import org.distdata.raft.PeerMessage;
import org.distdata.raft.RaftEngine;
import org.distdata.raft.RaftOptions;
import org.distdata.raft.RaftReplica;
import org.distdata.raft.Ready;
import org.distdata.raft.Role;
import org.distdata.raft.SnapshotMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared Ready loop on its own, one thread, no clock: ordering and exactly-once. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReadyLoopTest {

    /** Storage whose sync completes only when the test says so. */
    private static final class HeldStorage implements RaftStorage {
        final List<Runnable> waiting = new ArrayList<>();
        final List<Entry> written = new ArrayList<>();

        @Override
        public boolean write(long group, Ready ready) {
            written.addAll(ready.entries());
            return ready.needsSync();
        }

        @Override
        public void flush(boolean sync, Runnable whenDone) {
            if (sync) {
                waiting.add(whenDone);
            } else {
                whenDone.run();
            }
        }

        @Override
        public void snapshotTaken(long group, SnapshotMeta meta) {
        }
    }

    private final HeldStorage storage = new HeldStorage();
    private final List<PeerMessage> sent = new ArrayList<>();
    private final RecordingStateMachine machine = new RecordingStateMachine();
    private final ReadyLoop loop = new ReadyLoop(new RaftEngine(1), storage, sent::add, machine,
            new MemorySnapshotStaging(), new ReadyLoop.Listener() { }, 0);

    @Test
    void aVoteRequestLeavesOnlyOnceTheNewTermAndVoteAreDurable() {
        RaftOptions options = RaftOptions.defaults(1).withPreVoteAndCheckQuorum(false, false);
        loop.addGroup(7, applied -> RaftReplica.bootstrap(options, Membership.ofVoters(1L, 2L, 3L)));

        for (int i = 0; i < 2 * options.electionTicks() && storage.waiting.isEmpty(); i++) {
            loop.tick();
        }

        assertThat(storage.waiting).as("the campaign's Ready waits for its sync").hasSize(1);
        assertThat(sent).isEmpty();
        loop.tick(); // more input while the sync runs is taken, but nothing leaves
        assertThat(sent).isEmpty();
        storage.waiting.remove(0).run();
        assertThat(sent).extracting(m -> ((PeerMessage.Single) m).message())
                .allMatch(m -> m instanceof Message.VoteRequest).extracting(Message::to).contains(2L, 3L);
    }

    @Test
    void committedEntriesTheStateMachineAlreadyAppliedAreNotHandedOverAgain() {
        List<Entry> log = new ArrayList<>();
        for (long i = 1; i <= 5; i++) {
            log.add(new Entry(1, i, Entry.Kind.COMMAND, ("c" + i).getBytes()));
        }
        machine.apply(3, log.subList(0, 3)); // durable from before the restart
        RaftOptions options = RaftOptions.defaults(1);

        // the replica is told nothing was applied: the loop alone must hold the line
        loop.addGroup(3, applied -> new RaftReplica(options, Membership.ofVoters(1L), new HardState(1, 1, 5), null,
                null, log, 0));
        loop.process();

        assertThat(machine.commands(3)).containsExactly("c1", "c2", "c3", "c4", "c5");
        assertThat(machine.violations).isEmpty();
        assertThat(loop.handedOff(3)).isEqualTo(5);
    }

    @Test
    void theStateMachineHearsTheStartingRoleAndThenEveryChange() {
        loop.addGroup(0, applied -> RaftReplica.bootstrap(RaftOptions.defaults(1), Membership.ofVoters(1L)));

        for (int i = 0; i < 40 && machine.roleChanges.stream().noneMatch(c -> c.role() == Role.LEADER); i++) {
            loop.tick();
            while (!storage.waiting.isEmpty()) {
                storage.waiting.remove(0).run(); // may queue the next Ready's sync
            }
        }

        assertThat(machine.roleChanges.get(0)).isEqualTo(
                new RecordingStateMachine.RoleChange(0, Role.FOLLOWER, 0, RaftReplica.NONE));
        assertThat(machine.roleChanges).last().isEqualTo(
                new RecordingStateMachine.RoleChange(0, Role.LEADER, 1, 1));
    }
}
