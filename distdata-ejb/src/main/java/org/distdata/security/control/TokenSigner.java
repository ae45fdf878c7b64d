package org.distdata.security.control;

import org.distdata.security.entity.Role;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Encodes {@link TokenClaims} as an HMAC-SHA256 signed bearer token and decodes it again.
 * Format: {@code dd1.<base64url(payload)>.<base64url(mac)>}, the payload being the claims
 * separated by newlines (usernames cannot contain one). Expiry and revocation are checked by
 * {@link AuthService}; this class only guarantees the claims are the ones we signed.
 */
final class TokenSigner {
    private static final String PREFIX = "dd1";
    private static final String MAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    TokenSigner(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("token signing key must have at least 256 bits");
        }
        this.key = new SecretKeySpec(key, MAC);
    }

    String sign(TokenClaims claims) {
        String payload = String.join("\n",
                claims.username(),
                claims.roles().stream().sorted().map(Role::id).collect(Collectors.joining(",")),
                claims.tokenId(),
                Long.toString(claims.tokenVersion()),
                Long.toString(claims.expiresAt().getEpochSecond()));
        String body = PREFIX + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(body));
    }

    /** The claims of a token we signed, or empty for anything else (malformed, tampered, foreign key). */
    Optional<TokenClaims> verify(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        if (lastDot < 0 || !token.startsWith(PREFIX + ".")) {
            return Optional.empty();
        }
        String body = token.substring(0, lastDot);
        try {
            byte[] presented = DECODER.decode(token.substring(lastDot + 1));
            if (!MessageDigest.isEqual(mac(body), presented)) {
                return Optional.empty();
            }
            String payload = new String(DECODER.decode(body.substring(PREFIX.length() + 1)), StandardCharsets.UTF_8);
            String[] f = payload.split("\n", -1);
            if (f.length != 5) {
                return Optional.empty();
            }
            Set<Role> roles = f[1].isEmpty() ? EnumSet.noneOf(Role.class)
                    : Arrays.stream(f[1].split(",")).map(Role::fromId).collect(Collectors.toSet());
            return Optional.of(new TokenClaims(f[0], roles, f[2], Long.parseLong(f[3]),
                    Instant.ofEpochSecond(Long.parseLong(f[4]))));
        } catch (IllegalArgumentException e) { // bad base64, number or role id
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is part of every JDK", e);
        }
    }
}
