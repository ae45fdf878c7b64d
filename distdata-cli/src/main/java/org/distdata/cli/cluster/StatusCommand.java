package org.distdata.cli.cluster;

import jakarta.json.JsonArray;
import org.distdata.cli.api.ApiException;
import org.distdata.cli.api.ConnectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code status [--process NAME=STATE@URL]...}: per node its name, state, API URL and the
 * replicas and leaderships it holds, from {@code GET /api/v1/nodes}. The launcher passes
 * what it sees of its local processes; a node the cluster does not list, or every node when
 * the cluster does not answer, is shown with that process state.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the cluster's nodes: state, API URL, replicas and leaders held.")
public final class StatusCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--process", paramLabel = "NAME=STATE@URL",
            description = "A local node's process status, shown when the cluster does not list it.")
    List<String> processes = new ArrayList<>();

    @Override
    public Integer call() {
        List<NodeStatus> local = new ArrayList<>();
        for (String p : processes) {
            local.add(parseProcess(p));
        }
        JsonArray nodes = null;
        try {
            nodes = connection.connect().get("/api/v1/nodes", TIMEOUT).asJsonArray();
        } catch (ApiException e) {
            System.err.println("The cluster did not answer (" + e.toDisplayString() + "); showing process status.");
        } catch (UncheckedIOException | IllegalStateException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getMessage();
            System.err.println("The cluster did not answer (" + reason + "); showing process status.");
        }
        System.out.print(NodeStatus.format(NodeStatus.merge(nodes, local)));
        return 0;
    }

    /** {@code n1=UP@http://127.0.0.1:8080/api/v1}. */
    static NodeStatus parseProcess(String text) {
        int eq = text.indexOf('=');
        int at = text.indexOf('@', eq + 1);
        if (eq <= 0 || at < 0) {
            throw new IllegalArgumentException("--process wants NAME=STATE@URL, got '" + text + "'");
        }
        return new NodeStatus(text.substring(0, eq), text.substring(eq + 1, at), text.substring(at + 1), null, null);
    }

    public List<String> processes() {
        return processes;
    }
}
