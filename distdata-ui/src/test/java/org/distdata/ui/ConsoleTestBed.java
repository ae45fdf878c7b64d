package org.distdata.ui;

import com.github.mvysny.kaributesting.v10.LoginFormKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import org.distdata.node.Node;
import org.distdata.node.NodeConfig;
import org.distdata.security.entity.Role;
import org.distdata.sql.SqlStatement;
import org.distdata.ui.login.ContainerLogin;
import org.distdata.ui.login.LoginView;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

/**
 * The console running browserless (Karibu-Testing) on a real node opened in a temporary
 * directory: the SQL it runs and the logins it checks are real; only the servlet container's
 * session establishment is faked ({@link FakeContainerLogin}). Opening a node takes seconds,
 * so a test class opens one ({@link #openNode}) and starts a fresh console per test.
 */
public final class ConsoleTestBed implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "adminpw1234";
    private static final Routes ROUTES = new Routes().autoDiscoverViews("org.distdata.ui");

    public final Node node;
    public final FakeContainerLogin container = new FakeContainerLogin();

    /** A node with 4 partitions whose admin password is {@link #ADMIN_PASSWORD}. */
    public static Node openNode(Path dir) {
        return Node.open(new NodeConfig("test", dir, 4, Optional.of(ADMIN_PASSWORD), Duration.ofHours(1)));
    }

    /** Starts a fresh browserless console (new session, nobody logged in) on {@code node}. */
    public ConsoleTestBed(Node node) {
        this.node = node;
        NodeSource nodes = () -> node;
        MockVaadin.setup(UI::new, new InjectingMockServlet(ROUTES,
                Map.of(NodeSource.class, nodes, ContainerLogin.class, container)));
    }

    /** Creates a user directly in the node, for tests that need a reader or a writer. */
    public static void createUser(Node node, String username, String password, Role role) {
        node.users().create(username, password, Set.of(role));
    }

    /** Runs SQL as the engine itself (no console), to set up data. */
    public void sql(String sql) {
        node.sql().execute(SqlStatement.of(sql));
    }

    /** Opens the login page and submits the form. */
    public void logIn(String username, String password) {
        UI.getCurrent().navigate(LoginView.class);
        LoginFormKt._login(_get(LoginForm.class), username, password);
    }

    @Override
    public void close() {
        MockVaadin.tearDown();
    }
}
