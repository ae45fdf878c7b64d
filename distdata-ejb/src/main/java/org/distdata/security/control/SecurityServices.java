package org.distdata.security.control;

import org.distdata.meta.MetadataDatabase;
import org.distdata.meta.Settings;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Wires the security parts of a node from its metadata database: the user store, the token
 * signing key (256 random bits, created at the first start and kept in {@link Settings}),
 * revoked tokens, and the first admin. There is no default password: the first admin gets
 * {@link SecurityConfig#initialAdminPassword()} or, when none is configured, a strong random
 * one that {@link #generatedAdminPassword()} exposes on that start only. A configured
 * password is ignored once users exist (it never resets an existing admin).
 */
public final class SecurityServices {
    public static final String FIRST_ADMIN = "admin";
    static final String SIGNING_KEY_SETTING = "security.tokenSigningKey";

    private final AuthService auth;
    private final UserService users;
    private final String generatedAdminPassword;

    private SecurityServices(AuthService auth, UserService users, String generatedAdminPassword) {
        this.auth = auth;
        this.users = users;
        this.generatedAdminPassword = generatedAdminPassword;
    }

    public static SecurityServices open(MetadataDatabase meta, Settings settings, SecurityConfig config) {
        SecureRandom random = new SecureRandom();
        return open(meta, settings, config, random, new PasswordHasher(random));
    }

    static SecurityServices open(MetadataDatabase meta, Settings settings, SecurityConfig config,
                                 SecureRandom random, PasswordHasher hasher) {
        byte[] key = Base64.getDecoder().decode(settings.getOrCreate(SIGNING_KEY_SETTING, () -> {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            return Base64.getEncoder().encodeToString(fresh);
        }));
        UserStore store = UserStore.load(meta);
        UserService users = new UserService(store, hasher);
        String generated = null;
        if (store.isEmpty()) {
            String password = config.initialAdminPassword().filter(p -> !p.isBlank()).orElse(null);
            if (password == null) {
                password = generated = randomPassword(random);
            }
            users.createFirstAdmin(FIRST_ADMIN, password);
        }
        AuthService auth = new AuthService(store, hasher, new TokenSigner(key), RevokedTokens.load(meta, config.clock()),
                config.tokenTtl(), config.clock());
        return new SecurityServices(auth, users, generated);
    }

    public AuthService auth() {
        return auth;
    }

    public UserService users() {
        return users;
    }

    /** The first admin's password if this start generated it; empty on every later start. */
    public Optional<String> generatedAdminPassword() {
        return Optional.ofNullable(generatedAdminPassword);
    }

    /** 144 random bits in URL-safe base64: 24 characters, no ambiguity when copied from a log line. */
    private static String randomPassword(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
