package org.distdata.cli.sql;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.distdata.cli.api.ApiClient;
import org.distdata.cli.api.ApiException;
import org.distdata.cli.api.Json;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The interactive SQL shell (JLine): persistent history, statements that span lines
 * until a {@code ;}, and psql-like meta commands ({@code \q}, {@code \d}, {@code \d T},
 * {@code \?}). Errors are printed and the shell carries on.
 */
public final class SqlShell {

    private static final String PROMPT = "distdata> ";
    private static final String CONTINUATION = "       -> ";

    private final ApiClient client;
    private final Path stateDir;

    public SqlShell(ApiClient client, Path stateDir) {
        this.client = client;
        this.stateDir = stateDir;
    }

    /** Reads and runs statements until {@code \q} or end of input; returns the exit code. */
    public int run() throws IOException {
        // dumb(true): piped input (scripts, tests) gets a plain terminal without a warning.
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            Files.createDirectories(stateDir);
            // SQL text must reach the splitter untouched: no backslash escapes (\d), no quote
            // handling and no !-history expansion by JLine's own parser.
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[0]);
            parser.setQuoteChars(new char[0]);
            parser.setEofOnUnclosedQuote(false);
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .parser(parser)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .appName("distdata")
                    .variable(LineReader.HISTORY_FILE, stateDir.resolve("sql_history"))
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                    .build();
            PrintWriter out = terminal.writer();
            out.println("DistData SQL shell on " + client.baseUrl() + ". End statements with ';'. \\? for help, \\q to quit.");
            StatementSplitter splitter = new StatementSplitter();
            while (true) {
                String line;
                try {
                    line = reader.readLine(splitter.hasPending() ? CONTINUATION : PROMPT);
                } catch (UserInterruptException e) {
                    splitter.reset(); // Ctrl-C drops the statement being typed, like psql
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                if (!splitter.hasPending() && line.strip().startsWith("\\")) {
                    if (!metaCommand(line.strip(), out)) {
                        return 0;
                    }
                    continue;
                }
                for (String sql : splitter.addLine(line)) {
                    execute(sql, out);
                }
                out.flush();
            }
        }
    }

    private void execute(String sql, PrintWriter out) {
        try {
            out.print(ResultPrinter.format(client.sql(sql, List.of())));
        } catch (ApiException e) {
            out.println(e.toDisplayString());
        } catch (UncheckedIOException e) {
            out.println("ERROR NODE_UNAVAILABLE: " + e.getCause().getMessage());
        }
    }

    /** Runs a backslash command; returns false when the shell should quit. */
    private boolean metaCommand(String command, PrintWriter out) {
        String[] words = command.split("\\s+");
        try {
            switch (words[0]) {
                case "\\q" -> {
                    return false;
                }
                case "\\d" -> out.print(words.length > 1 ? describe(words[1]) : listTables());
                case "\\?", "\\h" -> out.print("""
                        \\d         list tables
                        \\d TABLE   describe a table
                        \\q         quit
                        SQL statements end with ';' and may span lines.
                        """);
                default -> out.println("unknown command " + words[0] + " (try \\?)");
            }
        } catch (ApiException e) {
            out.println(e.toDisplayString());
        } catch (UncheckedIOException e) {
            out.println("ERROR NODE_UNAVAILABLE: " + e.getCause().getMessage());
        }
        out.flush();
        return true;
    }

    private String listTables() {
        JsonArray tables = client.tables();
        return tables.isEmpty() ? "No tables.\n" : JsonTables.render(tables);
    }

    private String describe(String table) {
        JsonObject details = client.table(table);
        StringBuilder text = new StringBuilder("Table ").append(details.getString("name", table)).append('\n');
        List<String> arrays = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : details.entrySet()) {
            if (member.getValue().getValueType() == JsonValue.ValueType.ARRAY) {
                arrays.add(member.getKey());
            } else if (!member.getKey().equals("name")) {
                text.append("  ").append(member.getKey()).append(": ").append(Json.toDisplayText(member.getValue())).append('\n');
            }
        }
        // Columns first, then any other list the server sends (partitions, indexes).
        Set<String> ordered = new LinkedHashSet<>();
        if (arrays.contains("columns")) {
            ordered.add("columns");
        }
        ordered.addAll(arrays);
        for (String key : ordered) {
            JsonArray array = details.getJsonArray(key);
            boolean scalars = array.stream().noneMatch(v -> v.getValueType() == JsonValue.ValueType.OBJECT
                    || v.getValueType() == JsonValue.ValueType.ARRAY);
            if (scalars) { // e.g. the primary key's column names: one line reads better than a table
                List<String> values = array.stream().map(Json::toDisplayText).toList();
                text.append("  ").append(key).append(": ").append(values.isEmpty() ? "(none)" : String.join(", ", values))
                        .append('\n');
            } else {
                text.append(key).append(":\n").append(JsonTables.render(array));
            }
        }
        return text.toString();
    }
}
