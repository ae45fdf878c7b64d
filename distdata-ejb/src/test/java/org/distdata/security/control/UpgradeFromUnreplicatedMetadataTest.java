package org.distdata.security.control;

import org.distdata.meta.MetaGroup;
import org.distdata.meta.MetadataDatabase;
import org.distdata.meta.SettingEntity;
import org.distdata.security.entity.Role;
import org.distdata.security.entity.UserAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A metadata database written before metadata went through the meta log keeps its users and tokens. */
@Timeout(60)
class UpgradeFromUnreplicatedMetadataTest {
    @TempDir
    Path dir;

    @Test
    void theOldSigningKeyBecomesTheClustersFirstKeySoIssuedTokensStayValid() {
        byte[] oldKey = new byte[32];
        Arrays.fill(oldKey, (byte) 5);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SecureRandom random = new SecureRandom();
        PasswordHasher hasher = new PasswordHasher(random, 1_000);
        try (MetadataDatabase db = MetadataDatabase.open(dir.resolve("meta"))) {
            db.inTransaction(em -> { // the layout of the previous release, written as it wrote it
                em.persist(new SettingEntity(SecurityServices.LEGACY_SIGNING_KEY_SETTING,
                        Base64.getEncoder().encodeToString(oldKey)));
                em.persist(new UserAccount("admin", hasher.hash("old admin password"), EnumSet.of(Role.ADMIN)));
                return null;
            });
            String issuedBefore = new TokenSigner(oldKey).sign(new TokenClaims("admin", Set.of(Role.ADMIN), "t-1", 1,
                    clock.instant().plus(Duration.ofHours(1))));

            MetaGroup meta = MetaGroup.local(db);
            SecurityServices security = SecurityServices.open(meta,
                    new SecurityConfig(Optional.of("ignored new password"), Duration.ofHours(1), clock), random, hasher);

            assertThat(security.auth().verify(issuedBefore)).isPresent();
            assertThat(security.generatedAdminPassword()).isEmpty();
            assertThat(security.auth().login("admin", "old admin password", "127.0.0.1").token()).isNotBlank();
            meta.stateMachine().close();
        }
    }
}
