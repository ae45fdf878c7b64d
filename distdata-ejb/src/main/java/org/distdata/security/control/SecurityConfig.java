package org.distdata.security.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Start-up settings of the security services: the first admin's password (generated when
 * absent), how long an issued token lives, and the clock used for expiry and throttling
 * (injected so tests can move time).
 */
public record SecurityConfig(Optional<String> initialAdminPassword, Duration tokenTtl, Clock clock) {
    public SecurityConfig {
        Objects.requireNonNull(initialAdminPassword, "initialAdminPassword");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(clock, "clock");
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("token TTL must be positive: " + tokenTtl);
        }
    }
}
