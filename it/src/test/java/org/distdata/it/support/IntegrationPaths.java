package org.distdata.it.support;

import java.nio.file.Path;

/**
 * The files and directories the build hands to the integration tests as Failsafe system
 * properties (see it/pom.xml): the WAR, the EAR, payara-micro.jar, the unpacked Payara
 * Server and a work directory inside this module's build directory.
 */
public final class IntegrationPaths {
    private IntegrationPaths() {
    }

    /** The value of a system property set by it/pom.xml; fails with a hint when run outside Maven. */
    public static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set; run the integration tests through Maven (mvn verify), which sets it");
        }
        return value;
    }

    public static Path workDir() {
        return Path.of(System.getProperty("distdata.it.workDir", "target/it-work")).toAbsolutePath();
    }

    public static Path war() {
        return Path.of(required("distdata.war"));
    }

    public static Path ear() {
        return Path.of(required("distdata.ear"));
    }

    public static Path payaraServerHome() {
        return Path.of(required("payara.server.home"));
    }
}
