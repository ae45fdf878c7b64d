package org.distdata.ui;

import org.distdata.ui.login.ContainerLogin;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the servlet container's Jakarta Security in browserless tests: it accepts
 * (or, when told to, refuses) every session and records what it was asked.
 */
public final class FakeContainerLogin implements ContainerLogin {
    public final List<String> established = new ArrayList<>();
    public int ended;
    public boolean refuse;

    @Override
    public boolean establish(String username, String password) {
        if (refuse) {
            return false;
        }
        established.add(username);
        return true;
    }

    @Override
    public void end() {
        ended++;
    }
}
