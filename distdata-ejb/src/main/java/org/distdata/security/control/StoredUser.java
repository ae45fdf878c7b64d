package org.distdata.security.control;

import org.distdata.security.entity.Role;
import org.distdata.security.entity.UserAccount;

import java.util.Set;

/** An immutable snapshot of a {@link UserAccount}, safe to share between request threads. */
record StoredUser(String username, String passwordHash, Set<Role> roles, boolean enabled, long tokenVersion) {
    StoredUser {
        roles = Set.copyOf(roles);
    }

    static StoredUser of(UserAccount a) {
        return new StoredUser(a.username(), a.passwordHash(), a.roles(), a.enabled(), a.tokenVersion());
    }

    boolean isEnabledAdmin() {
        return enabled && roles.contains(Role.ADMIN);
    }

    UserView view() {
        return new UserView(username, roles, enabled);
    }
}
