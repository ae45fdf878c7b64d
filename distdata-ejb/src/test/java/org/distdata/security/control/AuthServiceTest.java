package org.distdata.security.control;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.security.entity.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distdata.security.control.SecurityFixture.ADMIN_PASSWORD;

class AuthServiceTest {
    @TempDir
    Path dir;
    private SecurityFixture fx;

    @BeforeEach
    void open() {
        fx = SecurityFixture.withAdminPassword(dir);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void rightPasswordGivesTokenThatVerifies() {
        IssuedToken t = fx.auth().login("admin", ADMIN_PASSWORD, "127.0.0.1");
        assertThat(t.roles()).containsExactly(Role.ADMIN);
        assertThat(t.expiresAt()).isEqualTo(fx.clock.instant().plus(SecurityFixture.TTL));
        Caller caller = fx.auth().verify(t.token()).orElseThrow();
        assertThat(caller.username()).isEqualTo("admin");
        assertThat(caller.has(Role.READER)).isTrue();
    }

    @Test
    void wrongPasswordIsRejected() {
        assertCode(() -> fx.auth().login("admin", "wrong password", "127.0.0.1"), ErrorCode.UNAUTHENTICATED);
        assertCode(() -> fx.auth().login("nobody", ADMIN_PASSWORD, "127.0.0.1"), ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void repeatedFailuresAreThrottledEvenForTheRightPasswordUntilBackoffPasses() {
        for (int i = 0; i < 6; i++) {
            assertCode(() -> fx.auth().login("admin", "wrong password", "10.0.0.1"), ErrorCode.UNAUTHENTICATED);
        }
        assertThatThrownBy(() -> fx.auth().login("admin", ADMIN_PASSWORD, "10.0.0.2"))
                .isInstanceOfSatisfying(DistDataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.extensions()).containsKey("retryAfterSeconds");
                });
        fx.clock.advance(Duration.ofSeconds(5));
        assertThat(fx.auth().login("admin", ADMIN_PASSWORD, "10.0.0.2").token()).isNotBlank();
    }

    @Test
    void expiredTokenIsRejected() {
        String token = fx.auth().login("admin", ADMIN_PASSWORD, "127.0.0.1").token();
        fx.clock.advance(SecurityFixture.TTL.minusSeconds(1));
        assertThat(fx.auth().verify(token)).isPresent();
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(fx.auth().verify(token)).isEmpty();
    }

    @Test
    void tamperedTokenIsRejected() {
        String token = fx.auth().login("admin", ADMIN_PASSWORD, "127.0.0.1").token();
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThat(fx.auth().verify(tampered)).isEmpty();
    }

    @Test
    void logoutRevokesTheTokenAcrossARestartButNotOtherTokens() {
        String first = fx.auth().login("admin", ADMIN_PASSWORD, "127.0.0.1").token();
        String second = fx.auth().login("admin", ADMIN_PASSWORD, "127.0.0.1").token();
        fx.auth().logout(first);
        assertThat(fx.auth().verify(first)).isEmpty();
        fx.restart();
        assertThat(fx.auth().verify(first)).isEmpty();
        assertThat(fx.auth().verify(second)).isPresent();
        assertCode(() -> fx.auth().logout(first), ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void passwordChangeRevokesExistingTokens() {
        fx.users().create("ada", "first password", Set.of(Role.WRITER));
        String token = fx.auth().login("ada", "first password", "127.0.0.1").token();
        fx.users().update("ada", Optional.of("second password"), Optional.empty(), Optional.empty());
        assertThat(fx.auth().verify(token)).isEmpty();
        assertCode(() -> fx.auth().login("ada", "first password", "127.0.0.1"), ErrorCode.UNAUTHENTICATED);
        assertThat(fx.auth().login("ada", "second password", "127.0.0.1").roles()).containsExactly(Role.WRITER);
    }

    @Test
    void disabledUserCannotLogInAndLosesTokens() {
        fx.users().create("ada", "ada password", Set.of(Role.READER));
        String token = fx.auth().login("ada", "ada password", "127.0.0.1").token();
        fx.users().update("ada", Optional.empty(), Optional.empty(), Optional.of(false));
        assertThat(fx.auth().verify(token)).isEmpty();
        assertCode(() -> fx.auth().login("ada", "ada password", "127.0.0.1"), ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void demotionTakesEffectOnExistingTokens() {
        fx.users().create("ada", "ada password", Set.of(Role.WRITER));
        String token = fx.auth().login("ada", "ada password", "127.0.0.1").token();
        fx.users().update("ada", Optional.empty(), Optional.of(Set.of(Role.READER)), Optional.empty());
        Caller caller = fx.auth().verify(token).orElseThrow();
        assertThat(caller.has(Role.WRITER)).isFalse();
        assertThat(caller.has(Role.READER)).isTrue();
    }

    @Test
    void signingKeySurvivesRestart() {
        String token = fx.auth().login("admin", ADMIN_PASSWORD, "127.0.0.1").token();
        fx.restart();
        assertThat(fx.auth().verify(token)).isPresent();
    }

    static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DistDataException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
