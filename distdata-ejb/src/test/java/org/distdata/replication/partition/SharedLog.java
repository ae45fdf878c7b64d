package org.distdata.replication.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.distdata.raft.Entry;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.ReadMode;
import org.distdata.raft.Role;
import org.distdata.replication.RaftGroups;

/**
 * A stand-in for Raft in tests of the partition state machines: one log per group that
 * every member applies as soon as the leader appends to it, a leader chosen by the test, and
 * entries a test may hold back from some members (a lagging follower) or rewrite. It checks
 * the state machines, not consensus: that is the Raft tests' job.
 */
final class SharedLog {

    private final Map<Long, List<Entry>> logs = new TreeMap<>();
    private final Map<Long, PartitionStateMachine> members = new TreeMap<>();
    private final Map<Long, Map<Long, Integer>> delivered = new TreeMap<>();
    private final List<Long> paused = new ArrayList<>();
    private long leader;
    private long term;

    synchronized void join(long node, PartitionStateMachine machine) {
        members.put(node, machine);
        delivered.put(node, new TreeMap<>());
        for (long g : logs.keySet()) {
            machine.roleChanged(g, node == leader ? Role.LEADER : Role.FOLLOWER, term, leader);
            if (!paused.contains(node)) {
                deliver(g); // a (re)joining member gets the whole log, as Raft would send it
            }
        }
    }

    synchronized void leave(long node) {
        members.remove(node);
        delivered.remove(node);
    }

    /** Elects {@code node} for every group in {@code groups}: a new term, a NOOP, role news for all. */
    synchronized void elect(long node, long... groups) {
        leader = node;
        term++;
        for (long g : groups) {
            members.forEach((id, m) -> m.roleChanged(g, id == node ? Role.LEADER : Role.FOLLOWER, term, node));
            append(g, Entry.Kind.NOOP, new byte[0]);
        }
    }

    synchronized void pause(long node) {
        paused.add(node);
    }

    synchronized void resume(long node) {
        paused.remove(node);
        for (long g : logs.keySet()) {
            deliver(g);
        }
    }

    /** Counts the first {@code index} entries of {@code group} as delivered to {@code node} (it installed a snapshot). */
    synchronized void skipTo(long node, long group, long index) {
        delivered.get(node).put(group, (int) index);
    }

    synchronized List<Entry> log(long group) {
        return List.copyOf(logs.getOrDefault(group, List.of()));
    }

    RaftGroups viewOf(long node) {
        return new RaftGroups() {
            @Override
            public CompletableFuture<Long> propose(long group, byte[] command) {
                synchronized (SharedLog.this) {
                    if (node != leader) {
                        return CompletableFuture.failedFuture(new ProposalRejectedException(
                                ProposalRejectedException.Reason.NOT_LEADER, leader, "not the leader"));
                    }
                    return CompletableFuture.completedFuture(append(group, Entry.Kind.COMMAND, command));
                }
            }

            @Override
            public CompletableFuture<Long> read(long group, ReadMode mode) {
                synchronized (SharedLog.this) {
                    return node == leader ? CompletableFuture.completedFuture((long) logs.getOrDefault(group, List.of()).size())
                            : CompletableFuture.failedFuture(new ProposalRejectedException(
                            ProposalRejectedException.Reason.NOT_LEADER, leader, "not the leader"));
                }
            }

            @Override
            public long leader(long group) {
                synchronized (SharedLog.this) {
                    return leader;
                }
            }

            @Override
            public long self() {
                return node;
            }
        };
    }

    private long append(long group, Entry.Kind kind, byte[] data) {
        List<Entry> log = logs.computeIfAbsent(group, g -> new ArrayList<>());
        Entry e = new Entry(term, log.size() + 1, kind, data);
        log.add(e);
        deliver(group);
        return e.index();
    }

    private void deliver(long group) {
        List<Entry> log = logs.get(group);
        members.forEach((id, m) -> {
            if (paused.contains(id)) {
                return;
            }
            int from = delivered.get(id).getOrDefault(group, 0);
            if (from < log.size()) {
                m.apply(group, List.copyOf(log.subList(from, log.size())));
                delivered.get(id).put(group, log.size());
            }
        });
    }
}
