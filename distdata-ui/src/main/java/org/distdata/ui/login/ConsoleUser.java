package org.distdata.ui.login;

import org.distdata.security.entity.Role;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is logged in to a console session: the username, the roles granted at login (for the
 * header) and the bearer token the login issued. Every SQL run re-checks the token, so a
 * user disabled or demoted meanwhile loses access at once.
 */
public record ConsoleUser(String username, Set<Role> roles, String token) {
    public ConsoleUser {
        roles = Set.copyOf(roles);
    }

    /** The granted roles as shown in the header, highest first: {@code admin}, {@code reader}, ... */
    public String rolesText() {
        return roles.stream()
                .sorted(Comparator.reverseOrder())
                .map(Role::id)
                .collect(Collectors.joining(", "));
    }
}
