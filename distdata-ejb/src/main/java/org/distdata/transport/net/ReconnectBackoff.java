package org.distdata.transport.net;

import java.time.Duration;
import java.util.Random;

/**
 * Delays between reconnect attempts: exponential in the number of consecutive failures,
 * capped, with "equal jitter" (a random point in the upper half of the nominal delay) so
 * that nodes which lost the same peer at the same moment do not retry in lockstep.
 * Attempt 1 waits about {@code base}, then 2×, 4× ... up to {@code max}.
 */
final class ReconnectBackoff {

    private final long baseNanos;
    private final long maxNanos;
    private final Random random;

    ReconnectBackoff(Duration base, Duration max, Random random) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
    }

    /** The delay before the next attempt after {@code failures} (≥ 1) consecutive failures. */
    Duration delay(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 40));
        long nominal = baseNanos << Math.min(doublings, Long.numberOfLeadingZeros(baseNanos) - 1);
        nominal = Math.min(maxNanos, nominal);
        long half = nominal / 2;
        long jitter;
        synchronized (random) {
            jitter = half == 0 ? 0 : (long) (random.nextDouble() * (nominal - half));
        }
        return Duration.ofNanos(half + jitter);
    }

    Duration max() {
        return Duration.ofNanos(maxNanos);
    }
}
