package org.distdata.ui.login;

/** What a login attempt from the console came to: a logged-in user, or a reason to show. */
public sealed interface LoginOutcome {

    /** The credentials were right; {@code user} is now logged in. */
    record Accepted(ConsoleUser user) implements LoginOutcome {
    }

    /** The login was refused; {@code title} and {@code message} are shown in the form. */
    record Rejected(Reason reason, String title, String message) implements LoginOutcome {
    }

    /** Why a login was refused. */
    enum Reason {
        WRONG_CREDENTIALS, RATE_LIMITED, UNAVAILABLE
    }
}
