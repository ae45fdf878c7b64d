package org.distdata.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import org.distdata.raft.Entry;
import org.distdata.raft.Membership;
import org.distdata.raft.RaftOptions;
import org.distdata.raft.RaftReplica;
import org.distdata.storage.wal.WalOptions;
import org.distdata.storage.wal.WriteAheadLog;

/**
 * Three (or N) {@link ReplicaHost}s in one JVM, each with its own write-ahead log
 * directory, talking through in-memory queues: real threads, real disk, no network. Used by
 * the host tests and the commit benchmark.
 */
final class InProcessCluster implements AutoCloseable {

    /** A state machine that records the commands it applies, in order. */
    static final class RecordingStateMachine implements StateMachine {
        final List<String> applied = new CopyOnWriteArrayList<>();

        @Override
        public long appliedIndex(long group) {
            return 0;
        }

        @Override
        public void apply(long group, List<Entry> committed) {
            for (Entry entry : committed) {
                if (entry.kind() == Entry.Kind.COMMAND) {
                    applied.add(group + ":" + new String(entry.data(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
    }

    private final Path root;
    private final WalOptions walOptions;
    private final int groups;
    private final Map<Long, ReplicaHost> hosts = new ConcurrentHashMap<>();
    private final Map<Long, WriteAheadLog> wals = new TreeMap<>();
    private final Map<Long, RecordingStateMachine> machines = new TreeMap<>();
    private final Membership membership;

    InProcessCluster(Path root, int nodes, int groups, WalOptions walOptions) throws IOException {
        this.root = root;
        this.walOptions = walOptions;
        this.groups = groups;
        Set<Long> voters = new java.util.TreeSet<>();
        for (long id = 1; id <= nodes; id++) {
            voters.add(id);
        }
        this.membership = new Membership(voters, Set.of());
        for (long id : voters) {
            start(id);
        }
    }

    void start(long id) throws IOException {
        WriteAheadLog wal = WriteAheadLog.open(root.resolve("n" + id), walOptions);
        wals.put(id, wal);
        RecordingStateMachine machine = new RecordingStateMachine();
        machines.put(id, machine);
        Map<Long, Membership> groupMembers = new TreeMap<>();
        for (long g = 1; g <= groups; g++) {
            groupMembers.put(g, membership);
        }
        hosts.put(id, new ReplicaHost(id, groupMembers, wal, m -> {
            ReplicaHost to = hosts.get(m.to());
            if (to != null) {
                to.receive(m);
            }
        }, machine, node -> RaftOptions.defaults(node).withRandomSeed(System.nanoTime() + node), 10,
                r -> new Thread(r, "raft-host-n" + id)));
    }

    void stop(long id) throws Exception {
        hosts.remove(id).close();
        wals.remove(id).close();
    }

    ReplicaHost host(long id) {
        return hosts.get(id);
    }

    WriteAheadLog wal(long id) {
        return wals.get(id);
    }

    RecordingStateMachine machine(long id) {
        return machines.get(id);
    }

    Set<Long> nodes() {
        return hosts.keySet();
    }

    /** The node every live host agrees leads {@code group}, waiting up to {@code millis}. */
    long awaitLeader(long group, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            long leader = RaftReplica.NONE;
            boolean agreed = true;
            for (Map.Entry<Long, ReplicaHost> h : hosts.entrySet()) {
                long l = h.getValue().leader(group);
                if (leader == RaftReplica.NONE) {
                    leader = l;
                }
                agreed &= l != RaftReplica.NONE && l == leader;
            }
            if (agreed && hosts.containsKey(leader)) {
                return leader;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no leader for group " + group + " within " + millis + " ms");
    }

    @Override
    public void close() throws Exception {
        for (long id : List.copyOf(hosts.keySet())) {
            stop(id);
        }
    }
}
