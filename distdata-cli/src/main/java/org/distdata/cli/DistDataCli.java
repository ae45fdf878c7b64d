package org.distdata.cli;

import org.distdata.cli.bench.BenchCommand;
import org.distdata.cli.certs.CertsCommand;
import org.distdata.cli.cluster.CheckCommand;
import org.distdata.cli.cluster.StatusCommand;
import org.distdata.cli.generate.GenerateCommand;
import org.distdata.cli.imports.ImportCommand;
import org.distdata.cli.sql.SqlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code distdata} command-line client: a picocli command whose
 * subcommands are the SQL client ({@code sql}), the CSV loader ({@code import}), the
 * sample-data generator ({@code generate}), the load generator ({@code bench}), the
 * cluster certificate maker ({@code certs}), the node table ({@code status}) and the
 * consistency check ({@code check}).
 * The launcher {@code bin/distdata} runs this jar with the stored credentials.
 */
@Command(name = "distdata-cli",
        mixinStandardHelpOptions = true,
        version = "DistData CLI 0.1.0",
        description = "Client for a DistData cluster's HTTP API.",
        subcommands = {SqlCommand.class, ImportCommand.class, GenerateCommand.class, BenchCommand.class,
                CertsCommand.class, StatusCommand.class, CheckCommand.class, CommandLine.HelpCommand.class})
public final class DistDataCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the argument-parsing tests. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new DistDataCli());
        commandLine.setExecutionExceptionHandler(new CliErrorHandler());
        // The launcher passes --url/--user first; an option the user repeats after them wins.
        commandLine.setOverwrittenOptionsAllowed(true);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
