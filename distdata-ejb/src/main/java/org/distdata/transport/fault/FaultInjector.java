package org.distdata.transport.fault;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The switchboard of injected network faults on one node, for tests: drop, delay and
 * duplicate outgoing frames, and cut the network between named nodes. Rules change at run
 * time and take effect on the next frame; counters tell a test what was done.
 *
 * <p><b>Reachable only in test configurations.</b> A transport creates its injector, and
 * installs {@link FaultInjectionHandler} into its pipelines, only when its config has
 * {@code faultInjection=true}; otherwise {@code NodeTransport.faultInjector()} is empty and no
 * pipeline holds a fault handler. Production code sets that flag from nowhere but the JVM
 * system property {@value #SYSTEM_PROPERTY}{@code =true} (read with
 * {@link #enabledBySystemProperty()}; MicroProfile Config, env and config files cannot set it).
 *
 * <p>Where rules apply: drop, delay and duplicate act on every frame this node writes, on
 * its own connections and on the ones peers opened to it. A cut between A and B, set on
 * A, drops every frame A sends to or receives from B on connections whose peer A knows by
 * name: all of A's own connections, and inbound ones once TLS named the peer. Set the cut
 * on both nodes for a full partition whatever the mode. Randomness comes from one seeded
 * generator ({@link #FaultInjector(long)}).
 */
public final class FaultInjector {

    /** The JVM system property that enables fault injection: meant for test runs only. */
    public static final String SYSTEM_PROPERTY = "distdata.test.faultInjection";

    /** What happens to one outgoing frame. */
    enum Action { PASS, DROP, DUPLICATE }

    private final Random random;
    private final Set<String> cuts = ConcurrentHashMap.newKeySet();
    private volatile double dropProbability;
    private volatile double duplicateProbability;
    private volatile long delayNanos;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong delayed = new AtomicLong();
    private final AtomicLong blocked = new AtomicLong();

    public FaultInjector(long seed) {
        this.random = new Random(seed);
    }

    /** Whether this JVM was started with {@code -Ddistdata.test.faultInjection=true}. */
    public static boolean enabledBySystemProperty() {
        return Boolean.parseBoolean(System.getProperty(SYSTEM_PROPERTY, "false").trim());
    }

    /** Drops each outgoing frame with this probability (0 = never, 1 = always). */
    public FaultInjector drop(double probability) {
        this.dropProbability = probability(probability);
        return this;
    }

    /** Sends each outgoing frame twice with this probability. */
    public FaultInjector duplicate(double probability) {
        this.duplicateProbability = probability(probability);
        return this;
    }

    /** Holds every outgoing frame back for {@code delay} (zero = no delay); order is kept. */
    public FaultInjector delay(Duration delay) {
        this.delayNanos = Objects.requireNonNull(delay, "delay").toNanos();
        return this;
    }

    /** Cuts the network between nodes {@code a} and {@code b}, both ways. */
    public FaultInjector cut(String a, String b) {
        cuts.add(pair(a, b));
        return this;
    }

    /** Restores the network between {@code a} and {@code b}. */
    public FaultInjector heal(String a, String b) {
        cuts.remove(pair(a, b));
        return this;
    }

    public boolean isCut(String a, String b) {
        return a != null && b != null && cuts.contains(pair(a, b));
    }

    /** Every rule off, every cut healed; counters are kept. */
    public FaultInjector clear() {
        cuts.clear();
        dropProbability = 0;
        duplicateProbability = 0;
        delayNanos = 0;
        return this;
    }

    /** Frames dropped by {@link #drop}. */
    public long dropped() {
        return dropped.get();
    }

    /** Extra copies sent by {@link #duplicate}. */
    public long duplicated() {
        return duplicated.get();
    }

    /** Frames held back by {@link #delay}. */
    public long delayed() {
        return delayed.get();
    }

    /** Frames (either way) discarded because of a {@link #cut}. */
    public long blocked() {
        return blocked.get();
    }

    Action outbound() {
        double drop = dropProbability;
        double duplicate = duplicateProbability;
        if (drop == 0 && duplicate == 0) {
            return Action.PASS;
        }
        double r;
        synchronized (random) {
            r = random.nextDouble();
        }
        if (r < drop) {
            dropped.incrementAndGet();
            return Action.DROP;
        }
        if (r < drop + duplicate) {
            duplicated.incrementAndGet();
            return Action.DUPLICATE;
        }
        return Action.PASS;
    }

    long delayNanos() {
        long d = delayNanos;
        if (d > 0) {
            delayed.incrementAndGet();
        }
        return d;
    }

    boolean blocks(String local, String peer) {
        if (isCut(local, peer)) {
            blocked.incrementAndGet();
            return true;
        }
        return false;
    }

    private static String pair(String a, String b) {
        String x = Objects.requireNonNull(a, "node").toLowerCase(Locale.ROOT);
        String y = Objects.requireNonNull(b, "node").toLowerCase(Locale.ROOT);
        return x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
    }

    private static double probability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a probability is between 0 and 1, got " + p);
        }
        return p;
    }
}
