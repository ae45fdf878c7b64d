package org.distdata.raft.sim;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.distdata.raft.RaftReplica;
import org.distdata.raft.sim.lin.KvOperation;

/**
 * A client issuing one operation at a time against the cluster, following leader hints,
 * retrying where it knows its operation did not happen, and recording what it saw in the
 * history the linearizability checker reads. A write it gave up on is recorded with an
 * unknown outcome; a read it gave up on is dropped.
 */
final class SimClient {

    /** A node's answer. */
    record Reply(Kind kind, String output, long leaderHint) {
        enum Kind { OK, REDIRECT, FAILED, UNKNOWN }

        static Reply ok(String output) {
            return new Reply(Kind.OK, output, 0);
        }

        static Reply redirect(long leaderHint) {
            return new Reply(Kind.REDIRECT, null, leaderHint);
        }

        static Reply unknown() {
            return new Reply(Kind.UNKNOWN, null, 0);
        }

        static Reply failed() {
            return new Reply(Kind.FAILED, null, 0);
        }
    }

    private final int id;
    private final Simulation sim;
    private final Random random;
    private final Map<Long, Long> leaderHints = new TreeMap<>();
    private KvCommand current;
    private SimNode.GetMode currentMode;
    private long callTime;
    private int sequence;
    private int completed;

    SimClient(int id, Simulation sim, Random random) {
        this.id = id;
        this.sim = sim;
        this.random = random;
    }

    int completed() {
        return completed;
    }

    void startNextOperation() {
        if (!sim.clientsMayStart()) {
            current = null;
            return;
        }
        sequence++;
        long opId = (long) id * 1_000_000 + sequence;
        String key = "k" + random.nextInt(sim.config().keys());
        String value = "c" + id + "." + sequence + ";";
        int dice = random.nextInt(100);
        current = dice < 40 ? new KvCommand(opId, KvOperation.Kind.GET, key, null, null)
                : dice < 60 ? new KvCommand(opId, KvOperation.Kind.PUT, key, value, null)
                : dice < 85 ? new KvCommand(opId, KvOperation.Kind.APPEND, key, value, null)
                : new KvCommand(opId, KvOperation.Kind.CAS, key, value, sim.someValueOf(key, random));
        currentMode = SimNode.GetMode.values()[random.nextInt(3)];
        callTime = sim.now();
        long forOp = opId;
        sim.schedule(sim.config().clientTimeoutMicros(), "timeout c" + id, () -> timedOut(forOp));
        send();
    }

    private void send() {
        long group = sim.groupOf(current.key());
        long target = leaderHints.getOrDefault(group, RaftReplica.NONE);
        if (target == RaftReplica.NONE) {
            target = 1 + random.nextInt(sim.config().nodes());
        }
        long node = target;
        KvCommand command = current;
        SimNode.GetMode mode = currentMode;
        sim.schedule(100 + random.nextInt(400), "request c" + id + "->n" + node,
                () -> sim.node(node).clientRequest(this, command, mode));
    }

    void onReply(long opId, Reply reply) {
        if (current == null || current.opId() != opId) {
            return; // an answer to an operation this client already gave up on
        }
        long group = sim.groupOf(current.key());
        switch (reply.kind()) {
            case OK -> {
                sim.record(toOperation(reply.output(), sim.now(), true));
                completed++;
                current = null;
                sim.schedule(random.nextInt(3_000), "think c" + id, this::startNextOperation);
            }
            case REDIRECT -> {
                leaderHints.put(group, reply.leaderHint());
                sim.schedule(reply.leaderHint() == RaftReplica.NONE ? 10_000 : 500, "retry c" + id, () -> {
                    if (current != null && current.opId() == opId) {
                        send();
                    }
                });
            }
            case UNKNOWN -> giveUp();
            case FAILED -> {
                leaderHints.remove(group);
                sim.schedule(1_000, "retry c" + id, () -> {
                    if (current != null && current.opId() == opId) {
                        send();
                    }
                });
            }
        }
    }

    private void timedOut(long opId) {
        if (current != null && current.opId() == opId) {
            giveUp();
        }
    }

    /** The outcome of the current operation cannot be known: record it so and move on. */
    private void giveUp() {
        if (current.kind() != KvOperation.Kind.GET) {
            sim.recordUnknownOutcome(current.opId(), toOperation(null, callTime, false));
        }
        leaderHints.clear();
        current = null;
        startNextOperation();
    }

    private KvOperation toOperation(String output, long returned, boolean known) {
        KvCommand c = current;
        KvOperation op = switch (c.kind()) {
            case GET -> KvOperation.get(id, c.key(), output, callTime, returned);
            case PUT -> KvOperation.put(id, c.key(), c.value(), callTime, returned);
            case APPEND -> KvOperation.append(id, c.key(), c.value(), callTime, returned);
            case CAS -> new KvOperation(id, c.key(), KvOperation.Kind.CAS, c.value(), c.expected(),
                    known ? output : null, callTime, known ? returned : Long.MAX_VALUE, known);
        };
        return known ? op : op.withUnknownOutcome();
    }

    @Override
    public String toString() {
        return "c" + id;
    }
}
