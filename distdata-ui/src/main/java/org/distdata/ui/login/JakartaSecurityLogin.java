package org.distdata.ui.login;

import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link ContainerLogin} through Jakarta Security: the application's
 * {@code HttpAuthenticationMechanism} accepts a {@link UsernamePasswordCredential} and keeps
 * the caller in the HTTP session ({@code @AutoApplySession}).
 */
@ApplicationScoped
public class JakartaSecurityLogin implements ContainerLogin {
    private static final Logger LOG = Logger.getLogger(JakartaSecurityLogin.class.getName());

    @Inject
    SecurityContext securityContext;

    @Override
    public boolean establish(String username, String password) {
        HttpServletRequest request = VaadinServletRequest.getCurrent().getHttpServletRequest();
        AuthenticationStatus status = securityContext.authenticate(request,
                VaadinServletResponse.getCurrent().getHttpServletResponse(),
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(username, password)));
        if (status != AuthenticationStatus.SUCCESS) {
            LOG.warning(() -> "container refused the console login of " + username + ": " + status);
        }
        return status == AuthenticationStatus.SUCCESS;
    }

    @Override
    public void end() {
        VaadinServletRequest current = VaadinServletRequest.getCurrent();
        if (current == null) {
            return;
        }
        try {
            current.getHttpServletRequest().logout();
        } catch (ServletException e) {
            LOG.log(Level.FINE, "container logout failed; the session is invalidated anyway", e);
        }
    }
}
