package org.distdata.cli.sql;

import org.distdata.cli.api.ApiClient;
import org.distdata.cli.api.ConnectionOptions;
import org.distdata.cli.api.SqlResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sql ["STATEMENT"]} or {@code sql --file script.sql}: runs the statements and
 * prints their results (the first error stops the run with exit code 1), or, without a
 * statement, opens the interactive {@link SqlShell}.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run one SQL statement, or open an interactive shell when none is given."})
public final class SqlCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Parameters(arity = "0..1", paramLabel = "STATEMENT",
            description = "The statement(s) to run, separated by ';' (a trailing ';' is optional).")
    String statement;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements of a SQL script file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        ApiClient client = connection.connect();
        if (statement == null && file == null) {
            return new SqlShell(client, connection.stateDir()).run();
        }
        if (statement != null && file != null) {
            throw new IllegalArgumentException("give a statement or --file, not both");
        }
        String script = file != null ? Files.readString(file, StandardCharsets.UTF_8) : statement;
        List<String> statements = StatementSplitter.split(script);
        for (String sql : statements) {
            SqlResponse response = client.sql(sql, List.of());
            System.out.print(ResultPrinter.format(response));
        }
        return 0;
    }

    public String statement() {
        return statement;
    }

    public Path file() {
        return file;
    }

    public ConnectionOptions connection() {
        return connection;
    }
}
