package org.distdata.security.control;

import org.distdata.meta.MetadataDatabase;
import org.distdata.security.entity.RevokedToken;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of tokens revoked by logout on any node, in memory for the per-request check. The
 * metadata database keeps them across restarts (written by the meta state machine, which also
 * prunes expired ones); expired entries are skipped at load and dropped from memory as new
 * revocations arrive, since expiry rejects those tokens anyway.
 */
final class RevokedTokens {
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    private RevokedTokens() {
    }

    static RevokedTokens load(MetadataDatabase db, Clock clock) {
        RevokedTokens tokens = new RevokedTokens();
        long now = clock.millis();
        db.read(em -> em.createQuery("SELECT r FROM RevokedToken r", RevokedToken.class).getResultList()).stream()
                .filter(r -> r.expiresAtEpochMillis() >= now)
                .forEach(r -> tokens.revoked.put(r.tokenId(), Instant.ofEpochMilli(r.expiresAtEpochMillis())));
        return tokens;
    }

    boolean isRevoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }

    /** A revocation the meta log applied; those expired before {@code revokedAt} are forgotten. */
    void revoked(String tokenId, Instant expiresAt, Instant revokedAt) {
        revoked.put(tokenId, expiresAt);
        revoked.values().removeIf(exp -> exp.isBefore(revokedAt));
    }
}
