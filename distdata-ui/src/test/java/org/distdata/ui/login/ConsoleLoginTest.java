package org.distdata.ui.login;

import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.security.entity.Role;
import org.distdata.ui.FakeContainerLogin;
import org.distdata.ui.login.LoginOutcome.Accepted;
import org.distdata.ui.login.LoginOutcome.Reason;
import org.distdata.ui.login.LoginOutcome.Rejected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's login decision against the node's real {@code AuthService}. */
class ConsoleLoginTest {
    @TempDir
    static Path dir;
    static Node node;
    FakeContainerLogin container = new FakeContainerLogin();
    ConsoleLogin login;

    @BeforeAll
    static void openNode() {
        node = Node.open(new NodeConfig("test", dir, 4, Optional.of("adminpw1234"), Duration.ofHours(1)));
        node.users().create("rita", "readerpw123", Set.of(Role.READER));
        node.users().create("mallory", "mallorypw123", Set.of(Role.WRITER));
    }

    @AfterAll
    static void closeNode() {
        node.close();
    }

    @BeforeEach
    void open() {
        login = new ConsoleLogin(node.auth(), container);
    }

    @Test
    void rightPasswordLogsInWithTheUsersRolesAndAWorkingToken() {
        LoginOutcome outcome = login.attempt("rita", "readerpw123", "127.0.0.1");

        assertThat(outcome).isInstanceOf(Accepted.class);
        ConsoleUser user = ((Accepted) outcome).user();
        assertThat(user.username()).isEqualTo("rita");
        assertThat(user.roles()).containsExactly(Role.READER);
        assertThat(node.auth().verify(user.token())).isPresent();
        assertThat(container.established).containsExactly("rita");
    }

    @Test
    void wrongPasswordIsRejectedAsWrongCredentialsWithoutTouchingTheContainer() {
        LoginOutcome outcome = login.attempt("admin", "wrong", "127.0.0.1");

        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(((Rejected) outcome).reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
        assertThat(container.established).isEmpty();
    }

    @Test
    void repeatedFailuresAreReportedAsRateLimitedEvenWithTheRightPassword() {
        for (int i = 0; i < 10; i++) {
            login.attempt("mallory", "wrong" + i, "10.0.0.9");
        }

        LoginOutcome outcome = login.attempt("mallory", "mallorypw123", "10.0.0.9");

        assertThat(outcome).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) outcome;
        assertThat(rejected.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(rejected.title()).isEqualTo("Too many failed logins");
        assertThat(rejected.message()).contains("retry in");
    }

    @Test
    void aSessionTheContainerRefusesIsNoLoginAndItsTokenIsRevoked() {
        container.refuse = true;

        LoginOutcome outcome = login.attempt("admin", "adminpw1234", "127.0.0.1");

        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(((Rejected) outcome).reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void logoutRevokesTheConsoleTokenAndEndsTheContainerSession() {
        ConsoleUser user = ((Accepted) login.attempt("admin", "adminpw1234", "127.0.0.1")).user();

        login.logout(user);

        assertThat(node.auth().verify(user.token())).isEmpty();
        assertThat(container.ended).isEqualTo(1);
    }
}
