package org.distdata.cli;

import org.distdata.cli.api.ApiException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns the failures a user can cause or meet (an API error, an unreachable node, a
 * missing file) into one line on stderr and exit code 1, instead of a stack trace;
 * anything else is a bug in the CLI and keeps its stack trace.
 */
final class CliErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (cause instanceof ApiException api) {
            commandLine.getErr().println(api.toDisplayString());
            return 1;
        }
        if (cause instanceof java.net.ConnectException) {
            commandLine.getErr().println("ERROR NODE_UNAVAILABLE: " + cause.getMessage()
                    + " (is the cluster up? try: bin/distdata status)");
            return 1;
        }
        if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
            commandLine.getErr().println("ERROR: " + cause.getMessage());
            return 1;
        }
        throw ex;
    }
}
