package org.distdata.security.control;

import org.distdata.security.entity.Role;

import java.util.Set;

/** A user as shown to administrators: never the password hash. */
public record UserView(String username, Set<Role> roles, boolean enabled) {
    public UserView {
        roles = Set.copyOf(roles);
    }
}
