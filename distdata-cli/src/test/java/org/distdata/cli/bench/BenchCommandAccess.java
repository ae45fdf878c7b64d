package org.distdata.cli.bench;

import org.distdata.cli.DistDataCli;

import java.nio.file.Path;
import java.util.List;

/** Test access to the package-private parts of a parsed {@link BenchCommand}. */
public final class BenchCommandAccess {

    private final BenchCommand command;

    private BenchCommandAccess(BenchCommand command) {
        this.command = command;
    }

    public static BenchCommandAccess parse(String... args) {
        var result = DistDataCli.newCommandLine().parseArgs(args);
        return new BenchCommandAccess((BenchCommand) result.subcommand().commandSpec().userObject());
    }

    public BenchRunner.Plan plan() {
        return command.plan();
    }

    public List<Workload> workloads() {
        return command.workloads();
    }

    public Path baselineDerby() {
        return command.baselineDerby();
    }
}
