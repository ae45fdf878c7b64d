package org.distdata.ui.login;

/**
 * The container's side of a console login: after DistData accepted the credentials, the
 * servlet container is told who the caller is (Jakarta Security, with a session that
 * survives the request), and forgets it again on logout.
 */
public interface ContainerLogin {

    /** Authenticates the current HTTP request's caller; false when the container refused. */
    boolean establish(String username, String password);

    /** Ends the container's authenticated session of the current request's caller. */
    void end();
}
