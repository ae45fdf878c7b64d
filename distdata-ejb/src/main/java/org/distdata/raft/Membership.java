package org.distdata.raft;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members of one group: voters (who elect leaders and form quorums) and learners (who
 * only receive the log). Immutable; {@link #apply} returns the next configuration.
 */
public record Membership(Set<Long> voters, Set<Long> learners) {

    public Membership {
        voters = Collections.unmodifiableSet(new TreeSet<>(voters));
        learners = Collections.unmodifiableSet(new TreeSet<>(learners));
        if (!Collections.disjoint(voters, learners)) {
            throw new IllegalArgumentException("a node is both voter and learner: " + voters + " " + learners);
        }
    }

    public static Membership ofVoters(Long... voters) {
        return new Membership(Set.of(voters), Set.of());
    }

    public boolean isVoter(long node) {
        return voters.contains(node);
    }

    public boolean contains(long node) {
        return voters.contains(node) || learners.contains(node);
    }

    /** Every member, voters first. */
    public Set<Long> members() {
        Set<Long> all = new TreeSet<>(voters);
        all.addAll(learners);
        return all;
    }

    public int quorum() {
        return voters.size() / 2 + 1;
    }

    /**
     * The configuration after {@code change}; a change that does not apply (promoting a
     * non-learner, adding a member twice) leaves it as it is, so every replica reaches the
     * same configuration from the same log.
     */
    public Membership apply(MembershipChange change) {
        Set<Long> v = new TreeSet<>(voters);
        Set<Long> l = new TreeSet<>(learners);
        switch (change.type()) {
            case ADD_LEARNER -> {
                if (!contains(change.node())) {
                    l.add(change.node());
                }
            }
            case PROMOTE -> {
                if (l.remove(change.node())) {
                    v.add(change.node());
                }
            }
            case REMOVE -> {
                v.remove(change.node());
                l.remove(change.node());
            }
        }
        return new Membership(v, l);
    }

    @Override
    public String toString() {
        return "voters=" + voters + (learners.isEmpty() ? "" : " learners=" + learners);
    }
}
