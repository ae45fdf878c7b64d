package org.distdata.ui.login;

import com.vaadin.flow.server.VaadinSession;

import java.util.Optional;

/** The logged-in {@link ConsoleUser} of the current Vaadin session, if any. */
public final class ConsoleSession {
    private ConsoleSession() {
    }

    public static Optional<ConsoleUser> currentUser() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(ConsoleUser.class));
    }

    public static void logIn(ConsoleUser user) {
        VaadinSession.getCurrent().setAttribute(ConsoleUser.class, user);
    }

    public static void logOut() {
        VaadinSession.getCurrent().setAttribute(ConsoleUser.class, null);
    }
}
