package org.distdata.ui.login;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.AbstractLogin.LoginEvent;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.distdata.ui.NodeSource;
import org.distdata.ui.login.LoginOutcome.Accepted;
import org.distdata.ui.login.LoginOutcome.Rejected;
import org.distdata.ui.sql.SqlView;

/**
 * The console's login page: a Vaadin {@link LoginForm} whose decision is made by
 * {@link ConsoleLogin}, with the same users, passwords and throttling as the API.
 */
@Route("login")
@PageTitle("Log in · DistData")
@Dependent
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final NodeSource nodes;
    private final ContainerLogin container;
    private final LoginForm form = new LoginForm();

    @Inject
    public LoginView(NodeSource nodes, ContainerLogin container) {
        this.nodes = nodes;
        this.container = container;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        H1 title = new H1("DistData");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xxxl)");
        Paragraph subtitle = new Paragraph("Distributed SQL console");
        subtitle.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)");

        form.setForgotPasswordButtonVisible(false);
        form.setI18n(i18n("Incorrect username or password", ""));
        form.addLoginListener(this::logIn);
        add(title, subtitle, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (ConsoleSession.currentUser().isPresent()) {
            event.forwardTo(SqlView.class);
        }
    }

    private void logIn(LoginEvent event) {
        ConsoleLogin login = new ConsoleLogin(nodes.node().auth(), container);
        LoginOutcome outcome = login.attempt(event.getUsername(), event.getPassword(), clientAddress());
        if (outcome instanceof Accepted accepted) {
            ConsoleSession.logIn(accepted.user());
            getUI().ifPresent(ui -> ui.navigate(SqlView.class));
        } else if (outcome instanceof Rejected rejected) {
            form.setI18n(i18n(rejected.title(), rejected.message()));
            form.setError(true);
            form.setEnabled(true);
        }
    }

    private static String clientAddress() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null ? null : request.getRemoteAddr();
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Log in");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }
}
