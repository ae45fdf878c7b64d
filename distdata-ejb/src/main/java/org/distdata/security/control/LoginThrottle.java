package org.distdata.security.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing with exponential backoff per key (a username or a client
 * address). The first {@code freeFailures} consecutive failures cost nothing; each further
 * one blocks the key for {@code base * 2^(extra failures - 1)}, capped at {@code max}. A
 * success clears the key; a key with no failure for {@code forgetAfter} is forgotten, which
 * also bounds memory.
 */
final class LoginThrottle {
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Clock clock;
    private final int freeFailures;
    private final Duration base;
    private final Duration max;
    private final Duration forgetAfter;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    LoginThrottle(Clock clock, int freeFailures, Duration base, Duration max, Duration forgetAfter) {
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.base = base;
        this.max = max;
        this.forgetAfter = forgetAfter;
    }

    /** How long {@code key} must still wait before its next attempt, if it is blocked now. */
    Optional<Duration> blockedFor(String key) {
        Failures f = failures.get(key);
        Instant now = clock.instant();
        if (f == null || !now.isBefore(f.blockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, f.blockedUntil()));
    }

    void recordFailure(String key) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED_KEYS) {
            forgetStale(now);
        }
        failures.compute(key, (k, f) -> {
            int count = (f == null || isStale(f, now)) ? 1 : f.count() + 1;
            return new Failures(count, now, now.plus(backoff(count)));
        });
    }

    void recordSuccess(String key) {
        failures.remove(key);
    }

    private Duration backoff(int count) {
        int extra = count - freeFailures;
        if (extra <= 0) {
            return Duration.ZERO;
        }
        // 2^(extra-1), saturating well before overflow
        long factor = extra > 30 ? Long.MAX_VALUE : 1L << (extra - 1);
        long millis = base.toMillis() > max.toMillis() / factor ? max.toMillis() : base.toMillis() * factor;
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    private boolean isStale(Failures f, Instant now) {
        return now.isAfter(f.last().plus(forgetAfter)) && !now.isBefore(f.blockedUntil());
    }

    private void forgetStale(Instant now) {
        failures.entrySet().removeIf(e -> isStale(e.getValue(), now));
    }
}
