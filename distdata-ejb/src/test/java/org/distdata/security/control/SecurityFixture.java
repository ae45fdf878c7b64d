package org.distdata.security.control;

import org.distdata.meta.MetaGroup;
import org.distdata.meta.MetadataDatabase;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Opens security services on a metadata database in a temporary directory, and reopens them as after a restart. */
final class SecurityFixture implements AutoCloseable {
    static final String ADMIN_PASSWORD = "correct horse battery";
    static final Duration TTL = Duration.ofHours(1);

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Path dir;
    private final Optional<String> adminPassword;
    private MetadataDatabase db;
    SecurityServices security;

    SecurityFixture(Path dir, Optional<String> adminPassword) {
        this.dir = dir;
        this.adminPassword = adminPassword;
        open();
    }

    static SecurityFixture withAdminPassword(Path dir) {
        return new SecurityFixture(dir, Optional.of(ADMIN_PASSWORD));
    }

    AuthService auth() {
        return security.auth();
    }

    UserService users() {
        return security.users();
    }

    void restart() {
        db.close();
        open();
    }

    private void open() {
        db = MetadataDatabase.open(dir.resolve("meta"));
        // Cheap hashing keeps these tests fast; PasswordHasherTest covers the real iteration count.
        SecureRandom random = new SecureRandom();
        security = SecurityServices.open(MetaGroup.local(db), new SecurityConfig(adminPassword, TTL, clock),
                random, new PasswordHasher(random, 1_000));
    }

    @Override
    public void close() {
        db.close();
    }
}
