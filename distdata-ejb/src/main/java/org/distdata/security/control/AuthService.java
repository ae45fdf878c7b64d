package org.distdata.security.control;

import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.meta.MetaCommand;
import org.distdata.meta.MetaLog;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs users in with a password, issuing signed expiring bearer tokens, verifies tokens on
 * every request and revokes them on logout. Password guessing is throttled per username and
 * per client address ({@link LoginThrottle}), on this node only. A token is accepted only
 * while it is unexpired, not revoked, and its user still exists, is enabled and has the same
 * token version as when it was issued; the caller gets the user's <em>current</em> roles, so
 * a demotion takes effect at once. Users, signing keys and revocations are the cluster's
 * (changed through the meta log), so a token issued or revoked on one node counts on all.
 */
public final class AuthService {
    private static final String BAD_CREDENTIALS = "invalid username or password, or the account is disabled";

    private static final Logger LOG = Logger.getLogger(AuthService.class.getName());

    private final MetaLog log;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenKeyRing keys;
    private final RevokedTokens revoked;
    private final SecureRandom random;
    private final LoginThrottle perUser;
    private final LoginThrottle perAddress;
    private final Duration tokenTtl;
    private final Clock clock;

    AuthService(MetaLog log, SecurityView view, PasswordHasher hasher, SecureRandom random, Duration tokenTtl,
                Clock clock) {
        this.log = log;
        this.users = view.users;
        this.hasher = hasher;
        this.keys = view.keys;
        this.revoked = view.revoked;
        this.random = random;
        this.tokenTtl = tokenTtl;
        this.clock = clock;
        // A username tolerates a few typos; an address may front several users (NAT), so more.
        this.perUser = new LoginThrottle(clock, 5, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(15));
        this.perAddress = new LoginThrottle(clock, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    public IssuedToken login(String username, String password, String clientAddress) {
        if (username == null || password == null) {
            throw new DistDataException(ErrorCode.BAD_REQUEST, "username and password are required");
        }
        String userKey = username;
        String addressKey = clientAddress == null ? "unknown" : clientAddress;
        Optional<Duration> wait = max(perUser.blockedFor(userKey), perAddress.blockedFor(addressKey));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new DistDataException(ErrorCode.RATE_LIMITED,
                    "too many failed logins; retry in " + seconds + " s", null, Map.of("retryAfterSeconds", seconds));
        }
        Optional<StoredUser> user = users.find(username);
        if (user.isEmpty()) {
            log.awaitLatest(); // the user may have just been created through another node
            user = users.find(username);
        }
        boolean passwordOk;
        if (user.isPresent()) {
            passwordOk = hasher.matches(password, user.get().passwordHash());
        } else {
            hasher.burnEquivalentTime(password);
            passwordOk = false;
        }
        if (!passwordOk) {
            perUser.recordFailure(userKey);
            perAddress.recordFailure(addressKey);
            throw new DistDataException(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS);
        }
        StoredUser u = user.get();
        if (!u.enabled()) {
            throw new DistDataException(ErrorCode.UNAUTHENTICATED, BAD_CREDENTIALS);
        }
        perUser.recordSuccess(userKey);
        if (hasher.needsRehash(u.passwordHash())) {
            rehash(u, password);
        }
        Instant expiresAt = clock.instant().plus(tokenTtl);
        TokenClaims claims = new TokenClaims(u.username(), u.roles(), UUID.randomUUID().toString(),
                u.tokenVersion(), expiresAt);
        return new IssuedToken(keys.sign(claims), expiresAt, u.roles());
    }

    /**
     * Starts signing new tokens with a fresh key, on every node. Tokens signed with the
     * previous key stay valid until they expire (the token lifetime from now).
     */
    public void rotateSigningKey() {
        Instant now = clock.instant();
        log.submit(new MetaCommand.SigningKeyRotated(SecurityServices.newKeyId(random),
                SecurityServices.newKey(random), now.toEpochMilli(), now.plus(tokenTtl).toEpochMilli()));
    }

    /** Revokes every token issued to {@code username} so far, on every node. */
    public void revokeAllTokens(String username) {
        log.submit(new MetaCommand.UserTokensRevoked(username));
    }

    /** The caller a token stands for, or empty when it is invalid, expired, revoked or outdated. */
    public Optional<Caller> verify(String bearerToken) {
        Optional<TokenClaims> claims = keys.verify(bearerToken, clock.instant()).filter(this::isLive);
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        TokenClaims c = claims.get();
        Optional<StoredUser> user = users.find(c.username());
        if (user.isEmpty() || user.get().tokenVersion() < c.tokenVersion()) {
            log.awaitLatest(); // issued through another node for a user this node has not applied yet
            user = users.find(c.username());
        }
        return user
                .filter(StoredUser::enabled)
                .filter(u -> u.tokenVersion() == c.tokenVersion())
                .map(u -> new Caller(u.username(), u.roles(), c.tokenId()));
    }

    /** Revokes the presented token until it expires; rejects a token that is not valid now. */
    public void logout(String bearerToken) {
        TokenClaims claims = keys.verify(bearerToken, clock.instant()).filter(this::isLive)
                .orElseThrow(() -> new DistDataException(ErrorCode.UNAUTHENTICATED, "invalid or expired token"));
        log.submit(new MetaCommand.TokenRevoked(claims.tokenId(), claims.expiresAt().toEpochMilli(),
                clock.millis()));
    }

    /**
     * The iteration count has grown since this password was stored: upgrade it now, the only
     * moment the plain password is at hand. Best effort: a login must not fail because the
     * meta group is unreachable, and the next login tries again.
     */
    private void rehash(StoredUser u, String password) {
        try {
            log.submit(new MetaCommand.PasswordRehashed(u.username(), u.passwordHash(), hasher.hash(password)));
        } catch (DistDataException e) {
            LOG.log(Level.INFO, "could not store the rehashed password of " + u.username() + ": " + e.getMessage());
        }
    }

    private boolean isLive(TokenClaims c) {
        return clock.instant().isBefore(c.expiresAt()) && !revoked.isRevoked(c.tokenId());
    }

    private static Optional<Duration> max(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
    }
}
