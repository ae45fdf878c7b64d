package org.distdata.security.entity;

import java.util.Locale;

/**
 * The three roles of API.md. Each role includes the ones below it: an admin may do what a
 * writer may, and a writer what a reader may.
 */
public enum Role {
    READER, WRITER, ADMIN;

    /** The name used in JSON and in Jakarta Security: {@code admin}, {@code writer}, {@code reader}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromId(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (expected admin, writer or reader)");
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }
}
