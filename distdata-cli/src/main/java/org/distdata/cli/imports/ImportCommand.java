package org.distdata.cli.imports;

import jakarta.json.JsonObject;
import org.distdata.cli.api.ConnectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code import --table T FILE.csv}: streams a CSV file (header row = column names) to
 * the table's bulk-load endpoint without reading it into memory, and prints how many
 * rows the cluster imported.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Bulk-load a CSV file (first line = column names) into a table.")
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-t", "--table"}, required = true, description = "Target table.")
    String table;

    @Parameters(paramLabel = "FILE.csv", description = "CSV file with a header row.")
    Path file;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        JsonObject result = connection.connect().importCsv(table, file);
        long rows = result.getJsonNumber("rowsImported").longValue();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "Imported %d rows into %s in %.2f s%n", rows, table, seconds);
        return 0;
    }

    public String table() {
        return table;
    }

    public Path file() {
        return file;
    }
}
