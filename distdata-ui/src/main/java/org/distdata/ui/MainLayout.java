package org.distdata.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.server.VaadinSession;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.distdata.ui.login.ConsoleLogin;
import org.distdata.ui.login.ConsoleSession;
import org.distdata.ui.login.ConsoleUser;
import org.distdata.ui.login.ContainerLogin;
import org.distdata.ui.login.LoginView;
import org.distdata.ui.sql.SqlView;
import org.distdata.ui.tables.TablesView;

/**
 * The frame around every page after login: a header with the logged-in user, their roles and
 * a logout button, and a side navigation. It is also the console's gate: a page inside it
 * sends a caller without a console login to {@link LoginView}.
 */
@Dependent
public class MainLayout extends AppLayout implements BeforeEnterObserver {
    private final NodeSource nodes;
    private final ContainerLogin container;
    private final Span user = new Span();

    @Inject
    public MainLayout(NodeSource nodes, ContainerLogin container) {
        this.nodes = nodes;
        this.container = container;

        Span title = new Span("DistData");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("font-weight", "600");
        user.setId("console-user");
        user.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), e -> logOut());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, user, logout);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("SQL", SqlView.class, VaadinIcon.CODE.create()));
        nav.addItem(new SideNavItem("Tables", TablesView.class, VaadinIcon.TABLE.create()));
        addToDrawer(nav);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ConsoleSession.currentUser().ifPresentOrElse(
                u -> user.setText(u.username() + " (" + u.rolesText() + ")"),
                () -> event.forwardTo(LoginView.class));
    }

    private void logOut() {
        ConsoleUser current = ConsoleSession.currentUser().orElse(null);
        ConsoleSession.logOut();
        if (current != null) {
            new ConsoleLogin(nodes.node().auth(), container).logout(current);
        }
        getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
        VaadinSession.getCurrent().getSession().invalidate();
    }
}
