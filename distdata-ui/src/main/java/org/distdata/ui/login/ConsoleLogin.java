package org.distdata.ui.login;

import org.distdata.error.DistDataException;
import org.distdata.security.control.AuthService;
import org.distdata.security.control.IssuedToken;
import org.distdata.ui.login.LoginOutcome.Accepted;
import org.distdata.ui.login.LoginOutcome.Reason;
import org.distdata.ui.login.LoginOutcome.Rejected;

/**
 * Decides a console login. DistData's {@link AuthService} checks the password (and throttles
 * guessing exactly as for the API), which tells a wrong password apart from a throttled
 * account; only then is the container session established, so the container's mechanism
 * never sees credentials DistData has refused.
 */
public final class ConsoleLogin {
    private final AuthService auth;
    private final ContainerLogin container;

    public ConsoleLogin(AuthService auth, ContainerLogin container) {
        this.auth = auth;
        this.container = container;
    }

    public LoginOutcome attempt(String username, String password, String clientAddress) {
        IssuedToken token;
        try {
            token = auth.login(username, password, clientAddress);
        } catch (DistDataException e) {
            return switch (e.code()) {
                case UNAUTHENTICATED, BAD_REQUEST -> new Rejected(Reason.WRONG_CREDENTIALS,
                        "Incorrect username or password",
                        "Check that you have entered the correct username and password and try again.");
                case RATE_LIMITED -> new Rejected(Reason.RATE_LIMITED, "Too many failed logins",
                        "Login is blocked for a while: " + e.detail() + ".");
                default -> new Rejected(Reason.UNAVAILABLE, "Login is not possible right now",
                        e.code() + ": " + e.detail());
            };
        }
        if (!container.establish(username, password)) {
            auth.logout(token.token());
            return new Rejected(Reason.UNAVAILABLE, "Login is not possible right now",
                    "The server did not accept the session; please try again.");
        }
        return new Accepted(new ConsoleUser(username, token.roles(), token.token()));
    }

    /** Revokes the user's console token and ends the container session. */
    public void logout(ConsoleUser user) {
        try {
            auth.logout(user.token());
        } catch (DistDataException alreadyInvalid) {
            // An expired or revoked token needs no revoking; the session still ends below.
        } finally {
            container.end();
        }
    }
}
