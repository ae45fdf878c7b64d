package org.distdata.security.control;

import org.distdata.security.entity.Role;

import java.util.Set;

/**
 * An authenticated caller: who it is, the roles granted to it (as stored, without the
 * implied lower ones) and the id of the token it presented.
 */
public record Caller(String username, Set<Role> roles, String tokenId) {
    public Caller {
        roles = Set.copyOf(roles);
    }

    /** True when one of the granted roles includes {@code role} (an admin is also a writer and a reader). */
    public boolean has(Role role) {
        return roles.stream().anyMatch(r -> r.includes(role));
    }

    /** The granted roles plus every role they imply, e.g. admin gives admin, writer and reader. */
    public Set<Role> effectiveRoles() {
        return Roles.withImplied(roles);
    }
}
