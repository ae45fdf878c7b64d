package org.distdata.ui.login;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import org.distdata.ui.ConsoleTestBed;
import org.distdata.ui.sql.SqlView;
import org.distdata.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

class LoginViewTest {
    @TempDir
    static Path dir;
    static Node node;
    ConsoleTestBed console;

    @BeforeAll
    static void openNode() {
        node = ConsoleTestBed.openNode(dir);
    }

    @AfterAll
    static void closeNode() {
        node.close();
    }

    @BeforeEach
    void open() {
        console = new ConsoleTestBed(node);
    }

    @AfterEach
    void close() {
        console.close();
    }

    @Test
    void adminWithTheRightPasswordLandsOnTheSqlPageWithNameAndRoleInTheHeader() {
        console.logIn("admin", ConsoleTestBed.ADMIN_PASSWORD);

        _assertOne(SqlView.class);
        assertThat(_get(Span.class, spec -> spec.withId("console-user")).getText()).isEqualTo("admin (admin)");
        assertThat(console.container.established).containsExactly("admin");
    }

    @Test
    void wrongPasswordKeepsTheLoginFormAndShowsItsError() {
        console.logIn("admin", "not-the-password");

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(form.isEnabled()).isTrue();
        _assertNone(SqlView.class);
        assertThat(console.container.established).isEmpty();
        assertThat(ConsoleSession.currentUser()).isEmpty();
    }

    @Test
    void pagesBehindTheLoginSendAnAnonymousCallerToTheLoginForm() {
        UI.getCurrent().navigate("sql");

        _assertOne(LoginForm.class);
        _assertNone(SqlView.class);
    }

    @Test
    void logoutForgetsTheUserAndEndsTheContainerSession() {
        console.logIn("admin", ConsoleTestBed.ADMIN_PASSWORD);

        _click(_get(Button.class, spec -> spec.withId("logout")));

        assertThat(ConsoleSession.currentUser()).isEmpty();
        assertThat(console.container.ended).isEqualTo(1);
    }
}
