package org.distdata.raft.sim;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.distdata.raft.PeerMessage;

/**
 * The simulated network between nodes: every message is delayed by a random time (so
 * messages overtake each other), and may be dropped or delivered twice; directed links can
 * be cut, which makes asymmetric partitions possible.
 */
final class SimNetwork {

    private final Simulation sim;
    private final Random random;
    private final SimulationConfig config;
    private final Set<Long> cutLinks = new HashSet<>();
    private long sent;
    private long dropped;

    SimNetwork(Simulation sim, Random random, SimulationConfig config) {
        this.sim = sim;
        this.random = random;
        this.config = config;
    }

    void send(PeerMessage message) {
        sent++;
        if (isCut(message.from(), message.to()) || random.nextDouble() < config.dropRate()) {
            dropped++;
            return;
        }
        deliverLater(message);
        if (random.nextDouble() < config.duplicateRate()) {
            deliverLater(message);
        }
    }

    private void deliverLater(PeerMessage message) {
        long delay = config.minDelayMicros() + (long) (random.nextDouble() * config.delayJitterMicros());
        if (random.nextDouble() < config.longDelayRate()) {
            delay += (long) (random.nextDouble() * config.longDelayMicros());
        }
        sim.schedule(delay, "deliver " + message.from() + "->" + message.to(), () -> {
            // a link cut while the message was in flight loses it too
            if (!isCut(message.from(), message.to())) {
                sim.node(message.to()).receive(message);
            }
        });
    }

    boolean isCut(long from, long to) {
        return cutLinks.contains(link(from, to));
    }

    void cut(long from, long to) {
        cutLinks.add(link(from, to));
    }

    void healAll() {
        cutLinks.clear();
    }

    boolean anyCut() {
        return !cutLinks.isEmpty();
    }

    long sent() {
        return sent;
    }

    long dropped() {
        return dropped;
    }

    private static long link(long from, long to) {
        return from * 1_000_003L + to;
    }
}
