package org.distdata.security.control;

import org.distdata.meta.MetaCommand;
import org.distdata.meta.MetaGroup;
import org.distdata.meta.SettingEntity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Wires the security parts of a node to the meta group: the user store, revoked tokens and
 * signing keys (one {@link SecurityView} that the meta state machine keeps current), the
 * user and auth services, and the cluster's one-time setup. The first signing key (256
 * random bits) and the first admin are each proposed by every starting node that finds none,
 * and created once per cluster by whichever proposal the log orders first. There is no
 * default password: the first admin gets {@link SecurityConfig#initialAdminPassword()} or,
 * when none is configured, a strong random one that {@link #generatedAdminPassword()} exposes
 * only on the node whose proposal created the admin, and only on that start. A configured
 * password is ignored once users exist (it never resets an existing admin).
 */
public final class SecurityServices {
    public static final String FIRST_ADMIN = "admin";
    /** Where a node kept its signing key before keys were replicated; adopted as the first key. */
    static final String LEGACY_SIGNING_KEY_SETTING = "security.tokenSigningKey";

    private final AuthService auth;
    private final UserService users;
    private final String generatedAdminPassword;

    private SecurityServices(AuthService auth, UserService users, String generatedAdminPassword) {
        this.auth = auth;
        this.users = users;
        this.generatedAdminPassword = generatedAdminPassword;
    }

    public static SecurityServices open(MetaGroup meta, SecurityConfig config) {
        SecureRandom random = new SecureRandom();
        return open(meta, config, random, new PasswordHasher(random));
    }

    static SecurityServices open(MetaGroup meta, SecurityConfig config, SecureRandom random, PasswordHasher hasher) {
        SecurityView view = meta.stateMachine().subscribe(() -> SecurityView.load(meta.database(), config.clock()));
        if (view.keys.isEmpty()) {
            byte[] key = legacyKey(meta).orElseGet(() -> newKey(random));
            meta.log().submit(new MetaCommand.SigningKeyAdded(newKeyId(random), key));
        }
        UserService users = new UserService(meta.log(), view.users, hasher);
        String generated = null;
        if (view.users.isEmpty()) {
            String configured = config.initialAdminPassword().filter(p -> !p.isBlank()).orElse(null);
            String password = configured != null ? configured : randomPassword(random);
            if (users.createFirstAdmin(FIRST_ADMIN, password) && configured == null) {
                generated = password;
            }
        }
        AuthService auth = new AuthService(meta.log(), view, hasher, random, config.tokenTtl(), config.clock());
        return new SecurityServices(auth, users, generated);
    }

    public AuthService auth() {
        return auth;
    }

    public UserService users() {
        return users;
    }

    /** The first admin's password if this start generated it and created the admin with it; empty otherwise. */
    public Optional<String> generatedAdminPassword() {
        return Optional.ofNullable(generatedAdminPassword);
    }

    static byte[] newKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    static String newKeyId(SecureRandom random) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A node upgraded from the unreplicated layout keeps its key, so its issued tokens stay valid. */
    private static Optional<byte[]> legacyKey(MetaGroup meta) {
        return meta.database().read(em -> Optional.ofNullable(em.find(SettingEntity.class, LEGACY_SIGNING_KEY_SETTING)))
                .map(s -> Base64.getDecoder().decode(s.value()));
    }

    /** 144 random bits in URL-safe base64: 24 characters, no ambiguity when copied from a log line. */
    private static String randomPassword(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
