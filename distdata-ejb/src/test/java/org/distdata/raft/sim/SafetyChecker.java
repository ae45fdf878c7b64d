package org.distdata.raft.sim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.distdata.raft.Entry;
import org.distdata.raft.RaftEngine;
import org.distdata.raft.RaftReplica;
import org.distdata.raft.Ready;
import org.distdata.raft.Role;
import org.distdata.raft.SnapshotMeta;

/**
 * Raft's safety properties, checked while the simulation runs: election safety (at most one
 * leader per term), leader completeness (a new leader's log holds every committed entry),
 * state-machine safety (no two replicas apply different entries at one index, and no
 * replica sees a committed entry change) and log matching (two logs with the same term at
 * an index agree on everything before it). A violation throws at once, with the seed.
 */
final class SafetyChecker {

    private final Simulation sim;
    private final Map<Long, Map<Long, Long>> leaderOfTerm = new TreeMap<>();
    private final Map<Long, TreeMap<Long, Entry>> committed = new TreeMap<>();
    private final Map<String, Long> commitChecked = new TreeMap<>();
    private final Map<String, Long> leaderChecked = new TreeMap<>();
    private long elections;

    SafetyChecker(Simulation sim) {
        this.sim = sim;
    }

    long elections() {
        return elections;
    }

    /**
     * Every Ready: a replica that reports itself leader of a term must be that term's only
     * one, and whatever it now calls committed is committed — from this moment, not from
     * when the host gets around to persisting it.
     */
    void observe(SimNode node, RaftEngine.EngineReady ready) {
        recordCommits(node, node.engine());
        for (Map.Entry<Long, Ready> g : ready.groups().entrySet()) {
            Ready r = g.getValue();
            if (r.role() != Role.LEADER) {
                continue;
            }
            Long previous = leaderOfTerm.computeIfAbsent(g.getKey(), x -> new TreeMap<>()).putIfAbsent(r.term(), node.id);
            if (previous != null && previous != node.id) {
                throw sim.violation("election safety: group " + g.getKey() + " term " + r.term() + " has two leaders, n"
                        + previous + " and n" + node.id);
            }
            String key = g.getKey() + "/" + r.term();
            if (previous == null && !leaderChecked.containsKey(key)) {
                leaderChecked.put(key, node.id);
                elections++;
                checkLeaderCompleteness(g.getKey(), node.replica(g.getKey()));
            }
        }
    }

    private void checkLeaderCompleteness(long group, RaftReplica leader) {
        TreeMap<Long, Entry> known = committed.get(group);
        if (known == null) {
            return;
        }
        for (Entry entry : known.tailMap(leader.firstIndex(), true).values()) {
            if (entry.index() > leader.lastIndex() || leader.termAt(entry.index()) != entry.term()) {
                throw sim.violation("leader completeness: n" + leader.id() + " leads group " + group + " in term "
                        + leader.term() + " but lacks committed entry " + entry + " (its last index is "
                        + leader.lastIndex() + ")");
            }
        }
    }

    /** After each advance: record what every replica now calls committed, and compare. */
    void afterAdvance(SimNode node, RaftEngine engine) {
        recordCommits(node, engine);
    }

    private void recordCommits(SimNode node, RaftEngine engine) {
        for (Map.Entry<Long, RaftReplica> g : engine.groups().entrySet()) {
            RaftReplica replica = g.getValue();
            String key = g.getKey() + "/" + node.id;
            long from = Math.max(commitChecked.getOrDefault(key, 0L), replica.firstIndex() - 1);
            for (long i = from + 1; i <= replica.commitIndex(); i++) {
                recordCommitted(g.getKey(), node.id, replica.entryAt(i), "commits");
            }
            commitChecked.put(key, Math.max(from, replica.commitIndex()));
        }
    }

    void applied(long group, long node, Entry entry) {
        recordCommitted(group, node, entry, "applies");
    }

    void installed(long group, long node, SnapshotMeta meta) {
        Entry known = committed.getOrDefault(group, new TreeMap<>()).get(meta.index());
        if (known != null && known.term() != meta.term()) {
            throw sim.violation("state-machine safety: n" + node + " installs a snapshot of group " + group + " at "
                    + meta.index() + "@" + meta.term() + " but " + known + " was committed there");
        }
    }

    private void recordCommitted(long group, long node, Entry entry, String verb) {
        Entry previous = committed.computeIfAbsent(group, x -> new TreeMap<>()).putIfAbsent(entry.index(), entry);
        if (previous != null && !previous.equals(entry)) {
            throw sim.violation("state-machine safety: n" + node + " " + verb + " " + entry + " in group " + group
                    + " but " + previous + " was committed at that index");
        }
    }

    /** Log matching over every pair of live replicas of every group. */
    void checkLogMatching(Map<Long, List<RaftReplica>> replicasByGroup) {
        for (Map.Entry<Long, List<RaftReplica>> g : replicasByGroup.entrySet()) {
            List<RaftReplica> replicas = g.getValue();
            for (int a = 0; a < replicas.size(); a++) {
                for (int b = a + 1; b < replicas.size(); b++) {
                    checkPair(g.getKey(), replicas.get(a), replicas.get(b));
                }
            }
        }
    }

    private void checkPair(long group, RaftReplica a, RaftReplica b) {
        long low = Math.max(a.firstIndex(), b.firstIndex());
        long high = Math.min(a.lastIndex(), b.lastIndex());
        boolean matched = false;
        for (long i = high; i >= low; i--) {
            boolean sameTerm = a.termAt(i) == b.termAt(i);
            if (matched && !a.entryAt(i).equals(b.entryAt(i))) {
                throw sim.violation("log matching: group " + group + " n" + a.id() + " and n" + b.id()
                        + " agree on the term at a later index but differ at " + i + ": " + a.entryAt(i) + " vs "
                        + b.entryAt(i));
            }
            if (sameTerm && !matched) {
                matched = true;
                if (!a.entryAt(i).equals(b.entryAt(i))) {
                    throw sim.violation("log matching: group " + group + " n" + a.id() + " and n" + b.id()
                            + " hold different entries with the same term at " + i);
                }
            }
        }
    }
}
