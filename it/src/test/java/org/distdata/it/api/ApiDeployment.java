package org.distdata.it.api;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deployment of the API tests: the WAR exactly as built (distdata-web), deployed to
 * Payara Micro by Arquillian as configured in {@code arquillian.xml}. Building it also
 * prepares what that configuration points at — the Micro temp directory and the preboot
 * command that binds HTTP to loopback — because Arquillian asks for the deployment before
 * it launches Micro.
 */
final class ApiDeployment {
    /** The admin password arquillian.xml gives the node ({@code distdata.admin.password}). */
    static final String ADMIN_PASSWORD = "it-admin-pass-1";

    private ApiDeployment() {
    }

    static WebArchive war() {
        Path work = Path.of(System.getProperty("distdata.it.workDir", "target/it-work"));
        try {
            Files.createDirectories(work.resolve("api-micro-tmp"));
            Files.writeString(work.resolve("api-loopback.preboot"),
                    "set configs.config.server-config.network-config.network-listeners.network-listener"
                            + ".http-listener.address=127.0.0.1\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path war = Path.of(System.getProperty("distdata.war", "../distdata-web/target/distdata.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("build the WAR first (distdata-web): " + war.toAbsolutePath());
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile());
    }
}
