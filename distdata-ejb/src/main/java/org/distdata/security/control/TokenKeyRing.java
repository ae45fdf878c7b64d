package org.distdata.security.control;

import org.distdata.meta.MetadataDatabase;
import org.distdata.security.entity.TokenSigningKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's token signing keys as this node holds them: the current key signs new
 * tokens; keys retired by a rotation still verify the tokens they signed until their time is
 * up. Every node holds the same keys (the meta log carries them), so a token issued by any
 * node verifies on every node. Reloaded from the metadata database after each key command.
 */
final class TokenKeyRing {
    private record Verifier(TokenSigner signer, Instant validUntil) {
    }

    private final MetadataDatabase db;
    private volatile TokenSigner current;
    private volatile List<Verifier> retired = List.of();

    TokenKeyRing(MetadataDatabase db) {
        this.db = db;
        reload();
    }

    boolean isEmpty() {
        return current == null;
    }

    String sign(TokenClaims claims) {
        TokenSigner signer = current;
        if (signer == null) {
            throw new IllegalStateException("no token signing key yet");
        }
        return signer.sign(claims);
    }

    /** The claims of a token signed by the current key, or by a retired key still valid at {@code now}. */
    Optional<TokenClaims> verify(String token, Instant now) {
        TokenSigner signer = current;
        Optional<TokenClaims> claims = signer == null ? Optional.empty() : signer.verify(token);
        for (Verifier v : retired) {
            if (claims.isEmpty() && now.isBefore(v.validUntil())) {
                claims = v.signer().verify(token);
            }
        }
        return claims;
    }

    void reload() {
        List<TokenSigningKey> keys = db.read(em ->
                em.createQuery("SELECT k FROM TokenSigningKey k", TokenSigningKey.class).getResultList());
        TokenSigner now = null;
        List<Verifier> old = new ArrayList<>();
        for (TokenSigningKey k : keys) {
            if (k.current()) {
                now = new TokenSigner(k.key());
            } else {
                old.add(new Verifier(new TokenSigner(k.key()), Instant.ofEpochMilli(k.validUntilEpochMillis())));
            }
        }
        retired = List.copyOf(old);
        current = now;
    }
}
