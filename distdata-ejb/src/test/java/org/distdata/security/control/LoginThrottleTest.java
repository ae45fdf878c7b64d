package org.distdata.security.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMinutes(5));

    @Test
    void freeFailuresDoNotBlock() {
        fail(3);
        assertThat(throttle.blockedFor("k")).isEmpty();
    }

    @Test
    void backoffDoublesWithEachFurtherFailureUpToTheCap() {
        fail(4);
        assertThat(throttle.blockedFor("k")).contains(Duration.ofSeconds(1));
        fail(1);
        assertThat(throttle.blockedFor("k")).contains(Duration.ofSeconds(2));
        fail(1);
        assertThat(throttle.blockedFor("k")).contains(Duration.ofSeconds(4));
        fail(10);
        assertThat(throttle.blockedFor("k")).contains(Duration.ofSeconds(10));
    }

    @Test
    void blockEndsWhenTheBackoffHasPassed() {
        fail(5);
        clock.advance(Duration.ofSeconds(2));
        assertThat(throttle.blockedFor("k")).isEmpty();
    }

    @Test
    void successClearsTheKeyAndOtherKeysAreUnaffected() {
        fail(5);
        assertThat(throttle.blockedFor("other")).isEmpty();
        throttle.recordSuccess("k");
        assertThat(throttle.blockedFor("k")).isEmpty();
        fail(3);
        assertThat(throttle.blockedFor("k")).isEmpty();
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        fail(3);
        clock.advance(Duration.ofMinutes(6));
        fail(1);
        assertThat(throttle.blockedFor("k")).isEmpty();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure("k");
        }
    }
}
