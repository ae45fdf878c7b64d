package org.distdata.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Base64;

/**
 * A key that signs or verifies bearer tokens, the same on every node (the meta log carries
 * it). Exactly one key is current and signs new tokens; after a rotation the previous ones
 * still verify the tokens they signed until {@code validUntilEpochMillis}.
 */
@Entity
@Table(name = "DD_TOKEN_KEY")
public class TokenSigningKey {
    @Id
    @Column(name = "KEY_ID", length = 64)
    private String keyId;

    /** Base64 rather than a LOB: 32 bytes do not deserve a locator round trip. */
    @Column(name = "KEY_MATERIAL", length = 256, nullable = false)
    private String material;

    @Column(name = "IS_CURRENT", nullable = false)
    private boolean current;

    @Column(name = "VALID_UNTIL_MS", nullable = false)
    private long validUntilEpochMillis;

    protected TokenSigningKey() {
    }

    public TokenSigningKey(String keyId, byte[] key) {
        this.keyId = keyId;
        this.material = Base64.getEncoder().encodeToString(key);
        this.current = true;
        this.validUntilEpochMillis = Long.MAX_VALUE;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] key() {
        return Base64.getDecoder().decode(material);
    }

    public boolean current() {
        return current;
    }

    public long validUntilEpochMillis() {
        return validUntilEpochMillis;
    }

    /** Stops signing with this key; it verifies its tokens until {@code validUntilEpochMillis}. */
    public void retire(long validUntilEpochMillis) {
        this.current = false;
        this.validUntilEpochMillis = validUntilEpochMillis;
    }
}
