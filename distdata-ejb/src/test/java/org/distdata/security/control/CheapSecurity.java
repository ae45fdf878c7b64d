package org.distdata.security.control;

import org.distdata.meta.MetaGroup;

import java.security.SecureRandom;

/** Opens security services with cheap password hashing, for tests in other packages. */
public final class CheapSecurity {
    private CheapSecurity() {
    }

    public static SecurityServices open(MetaGroup meta, SecurityConfig config) {
        SecureRandom random = new SecureRandom();
        return SecurityServices.open(meta, config, random, new PasswordHasher(random, 1_000));
    }
}
