package org.distdata.cli.api;

import picocli.CommandLine.Option;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options every command that talks to a cluster shares: where the API is, who logs
 * in, where the password comes from (a file or {@code DISTDATA_PASSWORD}, never the
 * command line, where {@code ps} would show it) and where tokens are cached.
 */
public final class ConnectionOptions {

    @Option(names = "--url", description = "API base URL (default: $DISTDATA_URL or ${DEFAULT-VALUE}).",
            defaultValue = "${env:DISTDATA_URL:-http://127.0.0.1:8080}")
    String url;

    @Option(names = "--user", description = "User name (default: $DISTDATA_USER or ${DEFAULT-VALUE}).",
            defaultValue = "${env:DISTDATA_USER:-admin}")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the password (otherwise $DISTDATA_PASSWORD, otherwise a prompt).")
    Path passwordFile;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the login token is cached (default: $DISTDATA_STATE_DIR or ~/.distdata).",
            defaultValue = "${env:DISTDATA_STATE_DIR:-${sys:user.home}/.distdata}")
    Path stateDir;

    public String url() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String user() {
        return user;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Reads the password only when a login is really needed (a cached token needs none). */
    public String password() {
        try {
            if (passwordFile != null) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read password file " + passwordFile + ": " + e.getMessage());
        }
        String fromEnv = System.getenv("DISTDATA_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for %s: ", user);
            if (typed != null) {
                return new String(typed);
            }
        }
        throw new IllegalArgumentException("no password: use --password-file FILE or set DISTDATA_PASSWORD");
    }

    /** A client for these options; each call gives an independent client (its own connection). */
    public ApiClient connect() {
        return new ApiClient(url(), user, this::password, new TokenStore(stateDir));
    }
}
