package org.distdata.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The schedule of figure 8 in the Raft paper, played on five replicas: an entry of an
 * older term reaches a majority, but a leader may count it committed only once an entry of
 * its own term is committed too. With the rule in place nothing committed is ever lost;
 * with {@link InjectedBug#COMMIT_OLD_TERM_BY_COUNTING} the cluster's checks catch a new
 * leader that lacks a committed entry.
 */
class FigureEightTest {

    @Test
    void anOlderTermEntryOnAMajorityIsNotCommittedByCounting() {
        RaftCluster cluster = playFigureEight(Set.of());
        // n1 replicated x (term 1) to a majority but must not count it committed
        assertThat(cluster.node(1).commitIndex()).isEqualTo(1);
        cluster.crash(1);
        cluster.drop(m -> m.from() == 1); // n1's entry of term 3 never leaves
        cluster.restart(5);
        cluster.elect(5); // legal: x was never committed, so n5 may overwrite it
        cluster.propose(5, "y");
        cluster.deliverAll();
        cluster.restart(1);
        cluster.tickAll(30);
        assertThat(cluster.applied(1)).containsExactly("y");
        assertThat(cluster.applied(3)).containsExactly("y");
    }

    @Test
    void commitByCountingIsCaughtAsALostCommittedEntry() {
        RaftCluster cluster = playFigureEight(Set.of(InjectedBug.COMMIT_OLD_TERM_BY_COUNTING));
        assertThat(cluster.node(1).commitIndex()).as("the defect commits x by counting").isEqualTo(2);
        cluster.crash(1);
        cluster.drop(m -> m.from() == 1); // n1's entry of term 3 never leaves
        cluster.restart(5);
        assertThatThrownBy(() -> cluster.elect(5)).hasMessageContaining("leader completeness");
    }

    /**
     * (a) n1 leads term 1 and gets entry x onto n2 only; (b) n5 wins term 2 with votes from
     * n3 and n4 and appends its no-op at index 2 but crashes before sending it; (c) n1
     * restarts, wins term 3 and sends x on to n3 — one entry per append, so x reaches n3
     * before n1's entry of the new term does — then the test stops delivering. The callers
     * then crash n1 and let n5 campaign again, as in (d).
     */
    private static RaftCluster playFigureEight(Set<InjectedBug> bugs) {
        RaftCluster cluster = RaftCluster.of(5, 5, id -> RaftOptions.defaults(id).withBatching(1, 1 << 20, 1)
                .withPreVoteAndCheckQuorum(false, false).withInjectedBugs(bugs));
        cluster.elect(1);
        cluster.isolate(1);
        cluster.cut(2, 1);
        cluster.heal();
        for (long other : new long[] {3, 4, 5}) {
            cluster.cut(1, other);
        }
        cluster.propose(1, "x");
        cluster.deliverAll();
        assertThat(cluster.node(2).lastIndex()).isEqualTo(2);
        assertThat(cluster.node(3).lastIndex()).isEqualTo(1);
        cluster.crash(1);
        cluster.heal();

        cluster.cut(5, 2); // n2 would refuse n5 anyway; keep n5's no-op from reaching anyone
        cluster.node(5).step(new Message.TimeoutNow(5, 5, cluster.node(5).term()));
        cluster.deliverWhile(() -> cluster.node(5).role() != Role.LEADER);
        assertThat(cluster.node(5).role()).isEqualTo(Role.LEADER);
        cluster.crash(5);
        cluster.drop(m -> m.from() == 5);
        cluster.heal();

        cluster.restart(1);
        cluster.cut(1, 4);
        for (int attempt = 0; attempt < 5 && cluster.node(1).role() != Role.LEADER; attempt++) {
            // term 2 is taken by n5's votes; n1's election timeout makes it try the next term
            cluster.tick(1, 20);
            cluster.deliverWhile(() -> cluster.node(1).role() != Role.LEADER);
        }
        assertThat(cluster.node(1).role()).isEqualTo(Role.LEADER);
        cluster.deliverWhile(() -> cluster.node(3).lastIndex() < 2);
        assertThat(cluster.node(3).termAt(2)).as("n3 holds x").isEqualTo(1);
        cluster.deliverWhile(() -> !cluster.queued().stream().allMatch(m -> m.from() == 1
                && m instanceof Message.AppendRequest a && a.entries().stream().anyMatch(e -> e.index() == 3)));
        return cluster;
    }
}
