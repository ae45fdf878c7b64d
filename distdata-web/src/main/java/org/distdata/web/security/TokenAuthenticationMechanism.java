package org.distdata.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.node.boundary.NodeBean;
import org.distdata.security.control.Caller;
import org.distdata.security.control.IssuedToken;
import org.distdata.web.error.ProblemWriter;

import java.util.Optional;
import java.util.Set;

/**
 * The one authentication mechanism of the application, for two kinds of client.
 *
 * <p><b>API clients</b> ({@code /api/*}) present {@code Authorization: Bearer <token>} on every
 * request; the token is verified by DistData's {@code AuthService} and nothing is kept in a
 * session. A protected request without a valid token gets a 401 problem+json here.
 *
 * <p><b>The console</b> logs in through {@code SecurityContext.authenticate()} with a
 * {@link UsernamePasswordCredential}: the password is checked by {@code AuthService.login}
 * (with its throttling), and the issued token is kept in the HTTP session; later console
 * requests are authenticated from it, re-verified every time, so logout, a password change or
 * disabling the user ends console sessions too. This is {@code @AutoApplySession} behaviour,
 * done by hand because the session must never authenticate {@code /api} requests: a session
 * cookie there would expose the API to cross-site request forgery. When a console login is
 * refused, the {@link DistDataException} (UNAUTHENTICATED or RATE_LIMITED) is left in the
 * request attribute {@link #LOGIN_FAILURE} for the login view.
 */
@ApplicationScoped
public class TokenAuthenticationMechanism implements HttpAuthenticationMechanism {
    /** Request attribute holding the DistDataException of a refused console login. */
    public static final String LOGIN_FAILURE = "org.distdata.login.failure";
    /** Request attribute holding the verified {@link Caller}. */
    public static final String CALLER = "org.distdata.caller";
    static final String SESSION_TOKEN = "org.distdata.console.token";
    private static final String BEARER = "Bearer ";
    /** Paths open to anyone even though web.xml's /api/v1/* constraint covers them. */
    private static final Set<String> PUBLIC_PATHS = Set.of("/api/v1/auth/token");

    @Inject
    NodeBean nodeBean;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext ctx) {
        Credential credential = ctx.getAuthParameters().getCredential();
        if (ctx.isAuthenticationRequest() && credential instanceof UsernamePasswordCredential password) {
            return consoleLogin(request, ctx, password);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        boolean isProtected = ctx.isProtected() && !PUBLIC_PATHS.contains(path);
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            Optional<Caller> caller = verify(header.substring(BEARER.length()).trim());
            if (caller.isPresent()) {
                return loggedIn(request, ctx, caller.get());
            }
            if (isProtected) {
                return refuse(response, "invalid, expired or revoked token");
            }
            return ctx.doNothing();
        }
        if (!api) {
            Optional<Caller> fromSession = sessionCaller(request);
            if (fromSession.isPresent()) {
                return loggedIn(request, ctx, fromSession.get());
            }
        }
        if (isProtected) {
            return refuse(response, "this endpoint needs 'Authorization: Bearer <token>' (POST /api/v1/auth/token)");
        }
        return ctx.doNothing();
    }

    /**
     * {@code request.logout()}: besides clearing the container's subject, forget and revoke
     * the console session's token, or the next request would log the user back in from it.
     */
    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_TOKEN) instanceof String token) {
            session.removeAttribute(SESSION_TOKEN);
            try {
                nodeBean.node().auth().logout(token);
            } catch (DistDataException alreadyInvalid) {
                // expired or revoked already: nothing left to revoke
            }
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, ctx);
    }

    private AuthenticationStatus consoleLogin(HttpServletRequest request, HttpMessageContext ctx,
                                              UsernamePasswordCredential credential) {
        try {
            IssuedToken token = nodeBean.node().auth()
                    .login(credential.getCaller(), credential.getPasswordAsString(), request.getRemoteAddr());
            Caller caller = nodeBean.node().auth().verify(token.token())
                    .orElseThrow(() -> new DistDataException(ErrorCode.UNAUTHENTICATED, "token rejected"));
            if (request.getSession(false) != null) {
                request.changeSessionId(); // no session fixation: a pre-login session id is not reused
            }
            request.getSession(true).setAttribute(SESSION_TOKEN, token.token());
            return loggedIn(request, ctx, caller);
        } catch (DistDataException e) {
            request.setAttribute(LOGIN_FAILURE, e);
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    private Optional<Caller> sessionCaller(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SESSION_TOKEN) instanceof String token)) {
            return Optional.empty();
        }
        Optional<Caller> caller = verify(token);
        if (caller.isEmpty()) {
            session.removeAttribute(SESSION_TOKEN);
        }
        return caller;
    }

    private Optional<Caller> verify(String token) {
        if (!nodeBean.ready()) {
            return Optional.empty();
        }
        return nodeBean.node().auth().verify(token);
    }

    private static AuthenticationStatus loggedIn(HttpServletRequest request, HttpMessageContext ctx, Caller caller) {
        request.setAttribute(CALLER, caller);
        return ctx.notifyContainerAboutLogin(caller.username(), ApiRoles.groups(caller));
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, String detail) {
        ProblemWriter.write(response, ErrorCode.UNAUTHENTICATED, detail);
        return AuthenticationStatus.SEND_FAILURE;
    }
}
