package org.distdata.security.control;

import org.distdata.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSignerTest {
    private final byte[] key = new byte[32];
    private final TokenSigner signer = new TokenSigner(key);
    private final TokenClaims claims = new TokenClaims("ada", Set.of(Role.WRITER), "id-1", 7,
            Instant.parse("2026-01-01T08:00:00Z"));

    @Test
    void signedClaimsRoundTrip() {
        assertThat(signer.verify(signer.sign(claims))).contains(claims);
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = signer.sign(claims);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("writer", "admin");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(signer.verify(forged)).isEmpty();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 1);
        assertThat(signer.verify(new TokenSigner(other).sign(claims))).isEmpty();
    }

    @Test
    void garbageIsRejectedWithoutException() {
        assertThat(signer.verify("")).isEmpty();
        assertThat(signer.verify("dd1.%%%.###")).isEmpty();
        assertThat(signer.verify("not-a-token")).isEmpty();
        assertThat(signer.verify(null)).isEmpty();
    }
}
