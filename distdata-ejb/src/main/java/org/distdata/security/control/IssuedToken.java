package org.distdata.security.control;

import org.distdata.security.entity.Role;

import java.time.Instant;
import java.util.Set;

/** A bearer token handed out by a successful login, with its expiry and the roles it carries. */
public record IssuedToken(String token, Instant expiresAt, Set<Role> roles) {
    public IssuedToken {
        roles = Set.copyOf(roles);
    }
}
