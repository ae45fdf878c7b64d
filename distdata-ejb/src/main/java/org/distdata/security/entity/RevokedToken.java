package org.distdata.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A token revoked by logout, kept until the token would have expired anyway, so that a
 * restart does not bring a logged-out token back to life.
 */
@Entity
@Table(name = "DD_REVOKED_TOKEN")
public class RevokedToken {
    @Id
    @Column(name = "TOKEN_ID", length = 64)
    private String tokenId;

    @Column(name = "EXPIRES_AT_MS", nullable = false)
    private long expiresAtEpochMillis;

    protected RevokedToken() {
    }

    public RevokedToken(String tokenId, long expiresAtEpochMillis) {
        this.tokenId = tokenId;
        this.expiresAtEpochMillis = expiresAtEpochMillis;
    }

    public String tokenId() {
        return tokenId;
    }

    public long expiresAtEpochMillis() {
        return expiresAtEpochMillis;
    }
}
