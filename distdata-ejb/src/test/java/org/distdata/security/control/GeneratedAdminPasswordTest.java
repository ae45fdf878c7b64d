package org.distdata.security.control;

import org.distdata.security.entity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedAdminPasswordTest {
    @TempDir
    Path dir;

    @Test
    void generatedPasswordWorksAndIsExposedOnlyOnTheCreatingStart() {
        try (SecurityFixture fx = new SecurityFixture(dir, Optional.empty())) {
            String password = fx.security.generatedAdminPassword().orElseThrow();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);
            assertThat(fx.auth().login("admin", password, "127.0.0.1").roles()).containsExactly(Role.ADMIN);
            fx.restart();
            assertThat(fx.security.generatedAdminPassword()).isEmpty();
            assertThat(fx.auth().login("admin", password, "127.0.0.1").token()).isNotBlank();
        }
    }
}
