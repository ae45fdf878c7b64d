package org.distdata.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Decides from node heartbeats whether each node is alive (DESIGN.md, "Failure detection").
 * A node heard from within the suspect timeout (default 3 s) is UP; silent for longer it is
 * SUSPECT, and past the down timeout (default 10 s) DOWN; a node expected but never heard
 * from is JOINING; any newer heartbeat makes it UP again. Pure: it never reads a clock, the
 * caller passes the time (the receiver's clock, in epoch milliseconds, so that the senders'
 * clock skew does not matter), which makes every transition testable at an exact instant.
 * Thread-safe: the transport feeds it while the API reads it.
 */
public final class FailureDetector {
    public static final Duration DEFAULT_SUSPECT_AFTER = Duration.ofSeconds(3);
    public static final Duration DEFAULT_DOWN_AFTER = Duration.ofSeconds(10);

    /**
     * What the detector knows of one node at a given time: its state, since when it is in
     * that state, its last heartbeat (empty if never heard from) and the load it reported.
     */
    public record Liveness(NodeState state, long sinceMillis, OptionalLong lastHeartbeatMillis, NodeLoad load) {
    }

    private static final class Track {
        final long expectedAt;
        long lastHeard = Long.MIN_VALUE;
        long upSince;
        NodeLoad load = NodeLoad.UNKNOWN;

        Track(long expectedAt) {
            this.expectedAt = expectedAt;
        }

        boolean heard() {
            return lastHeard != Long.MIN_VALUE;
        }
    }

    private final long suspectAfter;
    private final long downAfter;
    private final Map<Long, Track> nodes = new TreeMap<>();

    /** A detector with the default timeouts, 3 s to SUSPECT and 10 s to DOWN. */
    public FailureDetector() {
        this(DEFAULT_SUSPECT_AFTER, DEFAULT_DOWN_AFTER);
    }

    public FailureDetector(Duration suspectAfter, Duration downAfter) {
        if (suspectAfter.isNegative() || suspectAfter.isZero()) {
            throw new IllegalArgumentException("the suspect timeout must be positive, got " + suspectAfter);
        }
        if (downAfter.compareTo(suspectAfter) <= 0) {
            throw new IllegalArgumentException("the down timeout (" + downAfter
                    + ") must be longer than the suspect timeout (" + suspectAfter + ")");
        }
        this.suspectAfter = suspectAfter.toMillis();
        this.downAfter = downAfter.toMillis();
    }

    /** Starts tracking {@code node} as JOINING from {@code nowMillis}, unless it is tracked already. */
    public synchronized void expect(long node, long nowMillis) {
        nodes.computeIfAbsent(node, n -> new Track(nowMillis));
    }

    /** Stops tracking {@code node} (it was removed from the cluster). */
    public synchronized void forget(long node) {
        nodes.remove(node);
    }

    /**
     * Records a heartbeat of {@code node} received at {@code receivedAtMillis} with its load.
     * A heartbeat older than one already seen changes nothing (messages can be reordered).
     */
    public synchronized void heartbeat(long node, long receivedAtMillis, NodeLoad load) {
        Track t = nodes.computeIfAbsent(node, n -> new Track(receivedAtMillis));
        if (t.heard() && receivedAtMillis < t.lastHeard) {
            return;
        }
        // The node is UP again from this heartbeat on if it was not UP just before it.
        if (!t.heard() || receivedAtMillis - t.lastHeard >= suspectAfter) {
            t.upSince = receivedAtMillis;
        }
        t.lastHeard = receivedAtMillis;
        t.load = load;
    }

    /** What is known of {@code node} at {@code nowMillis}; empty if it is not tracked. */
    public synchronized Optional<Liveness> liveness(long node, long nowMillis) {
        Track t = nodes.get(node);
        return t == null ? Optional.empty() : Optional.of(liveness(t, nowMillis));
    }

    /** Every tracked node at {@code nowMillis}, by ascending id. */
    public synchronized Map<Long, Liveness> all(long nowMillis) {
        Map<Long, Liveness> all = new TreeMap<>();
        nodes.forEach((node, t) -> all.put(node, liveness(t, nowMillis)));
        return all;
    }

    /** Shorthand for the state alone; an untracked node is JOINING (nothing heard from it). */
    public NodeState state(long node, long nowMillis) {
        return liveness(node, nowMillis).map(Liveness::state).orElse(NodeState.JOINING);
    }

    private Liveness liveness(Track t, long now) {
        if (!t.heard()) {
            return new Liveness(NodeState.JOINING, t.expectedAt, OptionalLong.empty(), t.load);
        }
        long silence = now - t.lastHeard;
        OptionalLong last = OptionalLong.of(t.lastHeard);
        if (silence >= downAfter) {
            return new Liveness(NodeState.DOWN, t.lastHeard + downAfter, last, t.load);
        }
        if (silence >= suspectAfter) {
            return new Liveness(NodeState.SUSPECT, t.lastHeard + suspectAfter, last, t.load);
        }
        return new Liveness(NodeState.UP, t.upSince, last, t.load);
    }
}
