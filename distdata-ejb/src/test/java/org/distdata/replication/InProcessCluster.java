package org.distdata.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.distdata.raft.Membership;
import org.distdata.raft.ProposalRejectedException;
import org.distdata.raft.RaftOptions;
import org.distdata.raft.RaftReplica;
import org.distdata.storage.wal.WalOptions;
import org.distdata.storage.wal.WriteAheadLog;

/**
 * Three (or N) {@link RaftHost}s in one JVM, each with its own write-ahead log directory,
 * talking through in-memory queues: real threads, real disk, no network. A node can be
 * isolated (its messages dropped both ways), stopped and started again over the same
 * write-ahead log and the same {@link RecordingStateMachine}, which stands for the node's
 * durable state. Used by the host tests and the commit benchmark.
 */
final class InProcessCluster implements AutoCloseable {

    private final Path root;
    private final WalOptions walOptions;
    private final int groups;
    private final UnaryOperator<RaftHostOptions> tune;
    private final Map<Long, RaftHost> hosts = new ConcurrentHashMap<>();
    private final Map<Long, WriteAheadLog> wals = new TreeMap<>();
    private final Map<Long, RecordingStateMachine> machines = new TreeMap<>();
    private final Set<Long> isolated = ConcurrentHashMap.newKeySet();
    private final Membership membership;

    /** Nodes 1..{@code nodes}, all voters of groups 1..{@code groups}, default host options. */
    InProcessCluster(Path root, int nodes, int groups, WalOptions walOptions) throws IOException {
        this(root, nodes, groups, walOptions, o -> o);
    }

    /** The same, with host options changed by {@code tune}. */
    InProcessCluster(Path root, int nodes, int groups, WalOptions walOptions, UnaryOperator<RaftHostOptions> tune)
            throws IOException {
        this.root = root;
        this.walOptions = walOptions;
        this.groups = groups;
        this.tune = tune;
        Set<Long> voters = new TreeSet<>();
        for (long id = 1; id <= nodes; id++) {
            voters.add(id);
        }
        this.membership = new Membership(voters, Set.of());
        for (long id : voters) {
            start(id);
        }
    }

    /** Starts node {@code id} over its write-ahead log and its state machine (new ones the first time). */
    void start(long id) throws IOException {
        WriteAheadLog wal = WriteAheadLog.open(root.resolve("n" + id), walOptions);
        wals.put(id, wal);
        RecordingStateMachine machine = machines.computeIfAbsent(id, n -> new RecordingStateMachine());
        Map<Long, Membership> groupMembers = new TreeMap<>();
        for (long g = 1; g <= groups; g++) {
            groupMembers.put(g, membership);
        }
        // Elections after 300-600 ms: the machines that run the tests are shared and slow to fsync.
        RaftHostOptions options = tune.apply(RaftHostOptions.defaults(id, root.resolve("staging-n" + id))
                .withRaftOptions(group -> RaftOptions.defaults(id).withElectionTicks(30, 1)
                        .withRandomSeed(System.nanoTime() + id)));
        hosts.put(id, new RaftHost(id, groupMembers, wal, m -> {
            RaftHost to = hosts.get(m.to());
            if (to != null && !isolated.contains(m.from()) && !isolated.contains(m.to())) {
                to.receive(m);
            }
        }, machine, options));
    }

    void stop(long id) throws Exception {
        hosts.remove(id).close();
        wals.remove(id).close();
    }

    /** Drops every message from and to {@code id} until {@link #heal}. */
    void isolate(long id) {
        isolated.add(id);
    }

    void heal() {
        isolated.clear();
    }

    Membership membership() {
        return membership;
    }

    RaftHost host(long id) {
        return hosts.get(id);
    }

    WriteAheadLog wal(long id) {
        return wals.get(id);
    }

    Path walDirectory(long id) {
        return root.resolve("n" + id);
    }

    RecordingStateMachine machine(long id) {
        return machines.get(id);
    }

    Set<Long> nodes() {
        return hosts.keySet();
    }

    /** The node every live, connected host agrees leads {@code group}, waiting up to {@code millis}. */
    long awaitLeader(long group, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            long leader = RaftReplica.NONE;
            boolean agreed = true;
            for (Map.Entry<Long, RaftHost> h : hosts.entrySet()) {
                if (isolated.contains(h.getKey())) {
                    continue;
                }
                long l = h.getValue().leader(group);
                if (leader == RaftReplica.NONE) {
                    leader = l;
                }
                agreed &= l != RaftReplica.NONE && l == leader;
            }
            if (agreed && hosts.containsKey(leader) && !isolated.contains(leader)) {
                return leader;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no leader for group " + group + " within " + millis + " ms");
    }

    /**
     * Commits {@code command} to {@code group} through whichever node leads it, proposing
     * again when a leader change refused or overwrote it (either way it did not commit);
     * returns its index.
     */
    long commit(long group, byte[] command) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                return hosts.get(awaitLeader(group, 10_000)).propose(group, command).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ProposalRejectedException) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
        }
    }

    /** Waits up to {@code millis} for {@code condition}; false if it never held. */
    static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        for (long id : List.copyOf(hosts.keySet())) {
            stop(id);
        }
    }
}
