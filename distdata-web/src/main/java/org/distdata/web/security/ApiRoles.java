package org.distdata.web.security;

import org.distdata.security.control.Caller;
import org.distdata.security.entity.Role;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Role names as Jakarta Security groups and {@code @RolesAllowed} values. A caller's groups
 * are its granted roles plus every role they imply (admin → admin, writer, reader), so a
 * single {@code @RolesAllowed(READER)} admits writers and admins too.
 */
public final class ApiRoles {
    public static final String ADMIN = "admin";
    public static final String WRITER = "writer";
    public static final String READER = "reader";

    private ApiRoles() {
    }

    public static Set<String> groups(Caller caller) {
        return caller.effectiveRoles().stream().map(Role::id).collect(Collectors.toSet());
    }
}
