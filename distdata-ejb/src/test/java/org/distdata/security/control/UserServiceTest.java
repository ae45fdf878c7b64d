package org.distdata.security.control;

import org.distdata.error.ErrorCode;
import org.distdata.security.entity.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distdata.security.control.AuthServiceTest.assertCode;

class UserServiceTest {
    @TempDir
    Path dir;
    private SecurityFixture fx;

    @BeforeEach
    void open() {
        fx = SecurityFixture.withAdminPassword(dir);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void firstStartCreatesOnlyTheAdminWithTheConfiguredPassword() {
        assertThat(fx.users().list()).containsExactly(new UserView("admin", Set.of(Role.ADMIN), true));
        assertThat(fx.security.generatedAdminPassword()).isEmpty();
    }

    @Test
    void createdUsersArePersistedAndListed() {
        fx.users().create("ada", "ada password", Set.of(Role.WRITER));
        fx.restart();
        assertThat(fx.users().list()).extracting(UserView::username).containsExactly("ada", "admin");
    }

    @Test
    void invalidInputIsABadRequestAndDuplicateAConstraintViolation() {
        assertCode(() -> fx.users().create("bad name", "long enough", Set.of(Role.READER)), ErrorCode.BAD_REQUEST);
        assertCode(() -> fx.users().create("ada", "short", Set.of(Role.READER)), ErrorCode.BAD_REQUEST);
        assertCode(() -> fx.users().create("ada", "long enough", Set.of()), ErrorCode.BAD_REQUEST);
        assertCode(() -> fx.users().create("admin", "long enough", Set.of(Role.READER)), ErrorCode.CONSTRAINT_VIOLATION);
    }

    @Test
    void unknownUserIsNotFound() {
        assertCode(() -> fx.users().delete("ghost"), ErrorCode.NOT_FOUND);
        assertCode(() -> fx.users().update("ghost", Optional.empty(), Optional.empty(), Optional.of(true)),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void lastEnabledAdminCannotBeDeletedDisabledOrDemoted() {
        assertCode(() -> fx.users().delete("admin"), ErrorCode.CONSTRAINT_VIOLATION);
        assertCode(() -> fx.users().update("admin", Optional.empty(), Optional.empty(), Optional.of(false)),
                ErrorCode.CONSTRAINT_VIOLATION);
        assertCode(() -> fx.users().update("admin", Optional.empty(), Optional.of(Set.of(Role.WRITER)), Optional.empty()),
                ErrorCode.CONSTRAINT_VIOLATION);
        assertThat(fx.users().list()).containsExactly(new UserView("admin", Set.of(Role.ADMIN), true));
    }

    @Test
    void anAdminMayBeRemovedWhileAnotherEnabledAdminRemains() {
        fx.users().create("root2", "root2 password", Set.of(Role.ADMIN));
        fx.users().update("root2", Optional.empty(), Optional.empty(), Optional.of(false));
        assertCode(() -> fx.users().delete("admin"), ErrorCode.CONSTRAINT_VIOLATION); // root2 is disabled
        fx.users().update("root2", Optional.empty(), Optional.empty(), Optional.of(true));
        fx.users().delete("admin");
        assertThat(fx.users().list()).extracting(UserView::username).containsExactly("root2");
    }

    @Test
    void roleHierarchyIsHonoured() {
        Caller admin = new Caller("a", Set.of(Role.ADMIN), "t");
        Caller writer = new Caller("w", Set.of(Role.WRITER), "t");
        Caller reader = new Caller("r", Set.of(Role.READER), "t");
        assertThat(admin.has(Role.WRITER)).isTrue();
        assertThat(admin.effectiveRoles()).containsExactlyInAnyOrder(Role.ADMIN, Role.WRITER, Role.READER);
        assertThat(writer.has(Role.READER)).isTrue();
        assertThat(writer.has(Role.ADMIN)).isFalse();
        assertThat(reader.has(Role.WRITER)).isFalse();
        assertThat(reader.effectiveRoles()).containsExactly(Role.READER);
    }
}
