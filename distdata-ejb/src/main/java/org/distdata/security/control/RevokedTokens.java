package org.distdata.security.control;

import org.distdata.meta.MetadataDatabase;
import org.distdata.security.entity.RevokedToken;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of tokens revoked by logout. Kept in memory for the per-request check and in the
 * metadata database so they stay revoked across restarts; an entry is dropped once its
 * token has expired, since expiry rejects the token anyway.
 */
final class RevokedTokens {
    private final MetadataDatabase db;
    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    private RevokedTokens(MetadataDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static RevokedTokens load(MetadataDatabase db, Clock clock) {
        RevokedTokens tokens = new RevokedTokens(db, clock);
        long now = clock.millis();
        db.inTransaction(em -> {
            em.createQuery("DELETE FROM RevokedToken r WHERE r.expiresAtEpochMillis < :now")
                    .setParameter("now", now).executeUpdate();
            return null;
        });
        db.read(em -> em.createQuery("SELECT r FROM RevokedToken r", RevokedToken.class).getResultList())
                .forEach(r -> tokens.revoked.put(r.tokenId(), Instant.ofEpochMilli(r.expiresAtEpochMillis())));
        return tokens;
    }

    boolean isRevoked(String tokenId) {
        return revoked.containsKey(tokenId);
    }

    void revoke(String tokenId, Instant expiresAt) {
        if (revoked.putIfAbsent(tokenId, expiresAt) != null) {
            return;
        }
        db.inTransaction(em -> {
            if (em.find(RevokedToken.class, tokenId) == null) {
                em.persist(new RevokedToken(tokenId, expiresAt.toEpochMilli()));
            }
            return null;
        });
        Instant now = clock.instant();
        revoked.values().removeIf(exp -> exp.isBefore(now));
    }
}
