package org.distdata.security.control;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void hashIsSelfDescribingAndSalted() {
        String a = hasher.hash("s3cret-pass");
        String b = hasher.hash("s3cret-pass");
        assertThat(a).startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$");
        assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(210_000);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void matchesOnlyTheRightPassword() {
        String stored = hasher.hash("s3cret-pass");
        assertThat(hasher.matches("s3cret-pass", stored)).isTrue();
        assertThat(hasher.matches("s3cret-pasS", stored)).isFalse();
        assertThat(hasher.matches("s3cret-pass", "garbage")).isFalse();
    }

    @Test
    void hashWithFewerIterationsStillMatchesAndAsksForARehash() {
        String old = new PasswordHasher(new SecureRandom(), 1_000).hash("s3cret-pass");
        assertThat(old).startsWith("pbkdf2-sha256$1000$");
        assertThat(hasher.matches("s3cret-pass", old)).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("s3cret-pass"))).isFalse();
    }
}
