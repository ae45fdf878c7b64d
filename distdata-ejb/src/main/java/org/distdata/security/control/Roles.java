package org.distdata.security.control;

import org.distdata.security.entity.Role;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** The role hierarchy applied to sets of roles. */
public final class Roles {
    private Roles() {
    }

    /** {@code granted} plus every role a granted role includes. */
    public static Set<Role> withImplied(Collection<Role> granted) {
        EnumSet<Role> all = EnumSet.noneOf(Role.class);
        for (Role g : granted) {
            for (Role r : Role.values()) {
                if (g.includes(r)) {
                    all.add(r);
                }
            }
        }
        return all;
    }
}
