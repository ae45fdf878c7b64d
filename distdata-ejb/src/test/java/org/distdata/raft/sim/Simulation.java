package org.distdata.raft.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.distdata.raft.InjectedBug;
import org.distdata.raft.Membership;
import org.distdata.raft.MembershipChange;
import org.distdata.raft.RaftReplica;
import org.distdata.raft.Role;
import org.distdata.raft.sim.lin.KvOperation;
import org.distdata.raft.sim.lin.LinearizabilityChecker;
import org.distdata.raft.sim.lin.LinearizabilityResult;

/**
 * A whole cluster in one thread, driven by one seed: nodes running the real Raft engine, a
 * simulated clock (each node's ticks drift a little), a network that drops, duplicates,
 * delays, reorders and partitions (asymmetrically too), crashes that lose unsynced writes,
 * membership changes and leadership transfers, and clients whose history is checked for
 * linearizability at the end. The same seed always replays the same run.
 */
final class Simulation {

    /** What one run did, for the summary line. */
    record Outcome(long seed, long events, long operations, long elections, long messages, long simulatedMicros,
                   int historyHash) {
    }

    private record Event(long time, long sequence, String what, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(sequence, o.sequence);
        }
    }

    private static final int TRACE_LINES = 400;

    private final long seed;
    private final SimulationConfig config;
    private final Random random;
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Map<Long, SimNode> nodes = new TreeMap<>();
    private final List<SimClient> clients = new ArrayList<>();
    private final List<KvOperation> history = new ArrayList<>();
    private final Map<String, String> lastValues = new TreeMap<>();
    private final Map<Long, Integer> unknownOutcomes = new TreeMap<>();
    private final Map<Long, KvOperation> firstApplied = new TreeMap<>();
    private final SimNetwork network;
    private final SafetyChecker checker = new SafetyChecker(this);
    private record TraceLine(long time, String text) {
    }

    private final ArrayDeque<TraceLine> trace = new ArrayDeque<>();
    private final boolean printTrace;
    private long now;
    private long sequence;
    private long processed;

    Simulation(long seed, Set<InjectedBug> bugs, boolean printTrace) {
        this.seed = seed;
        this.config = SimulationConfig.fromSeed(seed);
        this.random = new Random(seed);
        this.printTrace = printTrace;
        this.network = new SimNetwork(this, random, config);
        for (long id = 1; id <= config.nodes(); id++) {
            long tick = Math.round(config.tickMicros() * (1 + (random.nextDouble() * 2 - 1) * config.maxDrift()));
            nodes.put(id, new SimNode(id, this, tick, bugs));
        }
        for (int c = 1; c <= config.clients(); c++) {
            clients.add(new SimClient(c, this, new Random(random.nextLong())));
        }
    }

    Outcome run() {
        nodes.values().forEach(SimNode::start);
        for (SimClient client : clients) {
            schedule(random.nextInt(200_000), "start " + client, client::startNextOperation);
        }
        scheduleFaults();
        long chaosEnd = config.chaosMicros();
        schedule(chaosEnd, "heal", this::healEverything);
        schedule(chaosEnd + config.settleMicros() - 1, "liveness", this::checkLiveness);
        long end = chaosEnd + config.settleMicros();
        while (!events.isEmpty() && events.peek().time() <= end) {
            Event event = events.poll();
            now = event.time();
            processed++;
            trace(event.what());
            try {
                event.action().run();
            } catch (SimulationFailure failure) {
                throw failure;
            } catch (RuntimeException e) {
                SimulationFailure failure = violation("exception during \"" + event.what() + "\": " + e);
                failure.initCause(e);
                throw failure;
            }
        }
        checker.checkLogMatching(liveReplicas());
        LinearizabilityResult result = LinearizabilityChecker.check(resolvedHistory(), 20_000_000);
        if (result.verdict() == LinearizabilityResult.Verdict.NOT_LINEARIZABLE) {
            throw violation("linearizability: " + result.explanation());
        }
        return new Outcome(seed, processed, history.size(), checker.elections(), network.sent(), now,
                history.hashCode());
    }

    /**
     * The history with every write whose client gave up resolved from what the simulation
     * saw: a write that some replica applied took effect no later than that first apply (its
     * commit came before), so it returns then with the output it had; a write nobody applied
     * by the end, when every group has a leader that committed in its term, never will, and
     * is left out. Sound because it only narrows windows to bounds that hold in any correct
     * run, and it spares the checker the open-ended writes that make its search explode.
     */
    private List<KvOperation> resolvedHistory() {
        List<KvOperation> resolved = new ArrayList<>(history);
        List<Integer> dropped = new ArrayList<>();
        unknownOutcomes.forEach((opId, position) -> {
            KvOperation op = history.get(position);
            KvOperation applied = firstApplied.get(opId);
            if (applied == null) {
                dropped.add(position);
            } else {
                resolved.set(position, new KvOperation(op.clientId(), op.key(), op.kind(), op.value(), op.expected(),
                        applied.output(), op.call(), Math.max(op.call(), applied.ret()), true));
            }
        });
        dropped.sort(java.util.Comparator.reverseOrder());
        dropped.forEach(i -> resolved.remove((int) i));
        return resolved;
    }

    // ---- faults -----------------------------------------------------------------------------

    private void scheduleFaults() {
        scheduleRepeating(config.meanPartitionGapMicros(), "partition", this::partition);
        scheduleRepeating(config.meanCrashGapMicros(), "crash", this::crashSomeNode);
        if (config.membershipChanges()) {
            scheduleRepeating(400_000, "membership change", this::changeMembership);
        }
        if (config.leadershipTransfers()) {
            scheduleRepeating(500_000, "leadership transfer", this::transferLeadership);
        }
    }

    private void scheduleRepeating(long meanGap, String what, Runnable action) {
        long gap = (long) (meanGap * (0.5 + random.nextDouble()));
        schedule(gap, what, () -> {
            if (now < config.chaosMicros()) {
                action.run();
                scheduleRepeating(meanGap, what, action);
            }
        });
    }

    private void partition() {
        List<Long> ids = new ArrayList<>(nodes.keySet());
        int kind = random.nextInt(4);
        switch (kind) {
            case 0 -> { // isolate one node, often a leader
                long victim = someNodeOftenALeader();
                ids.forEach(other -> cutBoth(victim, other));
                trace("partition: isolate n" + victim);
            }
            case 1 -> { // split into two sides
                Set<Long> side = new TreeSet<>();
                ids.forEach(id -> {
                    if (random.nextBoolean()) {
                        side.add(id);
                    }
                });
                for (long a : side) {
                    for (long b : ids) {
                        if (!side.contains(b)) {
                            cutBoth(a, b);
                        }
                    }
                }
                trace("partition: split " + side + " from the rest");
            }
            case 2 -> { // asymmetric: a node can send but not receive, or the reverse
                long victim = ids.get(random.nextInt(ids.size()));
                boolean deaf = random.nextBoolean();
                ids.forEach(other -> {
                    if (other != victim) {
                        if (deaf) {
                            network.cut(other, victim);
                        } else {
                            network.cut(victim, other);
                        }
                    }
                });
                trace("partition: n" + victim + (deaf ? " cannot receive" : " cannot send"));
            }
            default -> { // a few random one-way links
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    network.cut(ids.get(random.nextInt(ids.size())), ids.get(random.nextInt(ids.size())));
                }
                trace("partition: random links cut");
            }
        }
        schedule(50_000 + random.nextInt(600_000), "heal partition", () -> {
            network.healAll();
            trace("partition healed");
        });
    }

    private void cutBoth(long a, long b) {
        if (a != b) {
            network.cut(a, b);
            network.cut(b, a);
        }
    }

    /** Leaders are where the interesting failures are, so faults pick them half the time. */
    private long someNodeOftenALeader() {
        SimNode leader = random.nextBoolean() ? leaderOf(1 + random.nextInt(config.groups())) : null;
        return leader != null ? leader.id : 1 + random.nextInt(config.nodes());
    }

    private void crashSomeNode() {
        SimNode victim = nodes.get(someNodeOftenALeader());
        if (victim.isUp()) {
            crashAndRestartLater(victim);
        }
    }

    /**
     * Whether a leader dies in the middle of sending a Ready's messages — more likely in
     * the first moments of its term. The moments just after a leader acts are where
     * ordering bugs hide (a new leader's first entry not yet replicated is the ground of the
     * Raft paper's figure 8), and crashes at random times rarely hit them.
     */
    boolean crashesMidSend(SimNode node) {
        if (now >= config.chaosMicros() || !node.leadsAnyGroup()) {
            return false;
        }
        double rate = node.isNewLeader() ? config.newLeaderCrashRate() : config.midSendCrashRate();
        return rate > 0 && random.nextDouble() < rate;
    }

    void crashAndRestartLater(SimNode victim) {
        victim.crash();
        schedule(20_000 + random.nextInt(500_000), "restart " + victim, () -> {
            if (!victim.isUp()) {
                victim.start();
            }
        });
    }

    private void changeMembership() {
        long group = 1 + random.nextInt(config.groups());
        SimNode leader = leaderOf(group);
        if (leader == null) {
            return;
        }
        Membership m = leader.membership(group);
        List<Long> outside = nodes.keySet().stream().filter(id -> !m.contains(id)).toList();
        MembershipChange change;
        if (!m.learners().isEmpty() && random.nextInt(3) > 0) {
            change = new MembershipChange(MembershipChange.Type.PROMOTE, pick(new ArrayList<>(m.learners())));
        } else if (!outside.isEmpty() && m.voters().size() < 5 && random.nextBoolean()) {
            change = new MembershipChange(MembershipChange.Type.ADD_LEARNER, pick(outside));
        } else if (m.voters().size() > 3) {
            change = new MembershipChange(MembershipChange.Type.REMOVE, pick(new ArrayList<>(m.voters())));
        } else {
            return;
        }
        trace("operator: group " + group + " " + change + " at n" + leader.id);
        leader.operate(r -> r.proposeMembershipChange(change), group);
    }

    private void transferLeadership() {
        long group = 1 + random.nextInt(config.groups());
        SimNode leader = leaderOf(group);
        if (leader == null) {
            return;
        }
        List<Long> others = leader.membership(group).voters().stream().filter(id -> id != leader.id).toList();
        if (!others.isEmpty()) {
            long target = pick(others);
            trace("operator: group " + group + " transfer leadership n" + leader.id + " -> n" + target);
            leader.operate(r -> r.transferLeadership(target), group);
        }
    }

    private long pick(List<Long> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    private SimNode leaderOf(long group) {
        SimNode best = null;
        for (SimNode node : nodes.values()) {
            RaftReplica r = node.replica(group);
            if (r != null && r.role() == Role.LEADER && (best == null || r.term() > best.replica(group).term())) {
                best = node;
            }
        }
        return best;
    }

    private void healEverything() {
        network.healAll();
        for (SimNode node : nodes.values()) {
            if (!node.isUp()) {
                node.start();
            }
        }
        trace("chaos over: network healed, every node up");
    }

    /** After the faults stop, every group must elect a leader that commits in its term. */
    private void checkLiveness() {
        for (long group = 1; group <= config.groups(); group++) {
            SimNode leader = leaderOf(group);
            RaftReplica r = leader == null ? null : leader.replica(group);
            if (r == null || r.termAt(r.commitIndex()) != r.term()) {
                throw violation("liveness: group " + group + " has no leader that committed in its term "
                        + config.settleMicros() / 1000 + " ms after the faults stopped; replicas: " + describe(group));
            }
        }
    }

    private String describe(long group) {
        StringBuilder s = new StringBuilder();
        for (SimNode node : nodes.values()) {
            RaftReplica r = node.replica(group);
            s.append("\n  ").append(r == null ? node + " down" : r.toString());
        }
        return s.toString();
    }

    private Map<Long, List<RaftReplica>> liveReplicas() {
        Map<Long, List<RaftReplica>> byGroup = new TreeMap<>();
        for (long group = 1; group <= config.groups(); group++) {
            List<RaftReplica> list = new ArrayList<>();
            for (SimNode node : nodes.values()) {
                if (node.isUp()) {
                    list.add(node.replica(group));
                }
            }
            byGroup.put(group, list);
        }
        return byGroup;
    }

    // ---- services for nodes and clients -------------------------------------------------------

    void schedule(long delayMicros, String what, Runnable action) {
        events.add(new Event(now + Math.max(0, delayMicros), sequence++, what, action));
    }

    void replyLater(SimClient client, long opId, SimClient.Reply reply) {
        schedule(100 + random.nextInt(400), "reply " + client, () -> client.onReply(opId, reply));
    }

    void recordUnknownOutcome(long opId, KvOperation op) {
        unknownOutcomes.put(opId, history.size());
        history.add(op);
    }

    /** The first time any replica applies a command: when it took effect at the latest, and its output. */
    void applied(KvCommand command, String output) {
        if (!firstApplied.containsKey(command.opId()) && command.kind() != KvOperation.Kind.GET) {
            firstApplied.put(command.opId(), new KvOperation(0, command.key(), command.kind(), command.value(),
                    command.expected(), command.kind() == KvOperation.Kind.CAS ? output : null, 0, now, true));
        }
    }

    void record(KvOperation op) {
        history.add(op);
        if (op.outcomeKnown()) {
            if (op.kind() == KvOperation.Kind.GET && op.output() != null) {
                lastValues.put(op.key(), op.output());
            } else if (op.kind() == KvOperation.Kind.PUT) {
                lastValues.put(op.key(), op.value());
            }
        }
    }

    /** A plausible current value of {@code key} for a CAS to expect (sometimes null). */
    String someValueOf(String key, Random r) {
        return r.nextInt(4) == 0 ? null : lastValues.get(key);
    }

    boolean clientsMayStart() {
        return now < config.chaosMicros() + config.settleMicros() - config.clientTimeoutMicros();
    }

    long groupOf(String key) {
        return 1 + Math.floorMod(key.hashCode(), config.groups());
    }

    Membership bootstrapMembership() {
        Set<Long> voters = new TreeSet<>();
        for (long id = 1; id <= config.initialVoters(); id++) {
            voters.add(id);
        }
        return new Membership(voters, Set.of());
    }

    SimNode node(long id) {
        return nodes.get(id);
    }

    long now() {
        return now;
    }

    long seed() {
        return seed;
    }

    Random random() {
        return random;
    }

    SimulationConfig config() {
        return config;
    }

    SimNetwork network() {
        return network;
    }

    SafetyChecker checker() {
        return checker;
    }

    void trace(String line) {
        TraceLine traced = new TraceLine(now, line);
        if (printTrace) {
            System.out.println(format(traced));
        }
        trace.addLast(traced);
        if (trace.size() > TRACE_LINES) {
            trace.removeFirst();
        }
    }

    private static String format(TraceLine line) {
        return String.format("%10.3f ms  %s", line.time() / 1000.0, line.text());
    }

    /** A failed check: the message, the seed, its configuration, and how to replay it. */
    SimulationFailure violation(String message) {
        return new SimulationFailure(seed, message + "\n  at " + now / 1000.0 + " ms simulated, config: " + config
                + "\n  last events:\n    " + String.join("\n    ", lastTrace(25)));
    }

    private List<String> lastTrace(int n) {
        List<String> all = trace.stream().map(Simulation::format).toList();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }
}
