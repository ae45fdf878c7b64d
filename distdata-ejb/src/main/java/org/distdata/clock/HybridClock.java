package org.distdata.clock;

import java.util.function.LongSupplier;

/**
 * A hybrid logical clock: timestamps that follow the wall clock's milliseconds (the high 48
 * bits) and still strictly increase on this node when the wall clock stands still or steps
 * back (the low 16 bits count within a millisecond, and carry over into it when exhausted).
 * A node restarted later reads a later wall clock, so its timestamps never repeat earlier
 * ones; {@link #observe} keeps them ahead of any timestamp received from another node.
 */
public final class HybridClock {
    private static final int LOGICAL_BITS = 16;

    private final LongSupplier wallMillis;
    private long last;

    public HybridClock() {
        this(System::currentTimeMillis);
    }

    public HybridClock(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /** A timestamp greater than every one this clock gave or observed before. */
    public synchronized long now() {
        last = Math.max(last + 1, wallMillis.getAsLong() << LOGICAL_BITS);
        return last;
    }

    /** Moves this clock past {@code timestamp}, one received from another node. */
    public synchronized void observe(long timestamp) {
        last = Math.max(last, timestamp);
    }

    /** The wall-clock milliseconds a timestamp was taken at. */
    public static long millisOf(long timestamp) {
        return timestamp >>> LOGICAL_BITS;
    }
}
