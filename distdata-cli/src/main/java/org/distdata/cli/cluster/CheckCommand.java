package org.distdata.cli.cluster;

import jakarta.json.JsonObject;
import org.distdata.cli.api.ConnectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * {@code check}: runs the cluster's consistency check ({@code POST /api/v1/cluster/check},
 * admin), prints one line per partition and a summary, and exits with 1 when any partition's
 * replicas disagree or could not be checked.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compare the replicas of every partition; exit code 1 on any mismatch.")
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        JsonObject report = connection.connect().post("/api/v1/cluster/check").asJsonObject();
        System.out.print(CheckReport.format(report));
        return CheckReport.consistent(report) ? 0 : 1;
    }
}
