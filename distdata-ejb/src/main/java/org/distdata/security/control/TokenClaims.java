package org.distdata.security.control;

import org.distdata.security.entity.Role;

import java.time.Instant;
import java.util.Set;

/** What a signed token asserts: who, with which roles, which token, which user token version, until when. */
record TokenClaims(String username, Set<Role> roles, String tokenId, long tokenVersion, Instant expiresAt) {
    TokenClaims {
        roles = Set.copyOf(roles);
    }
}
