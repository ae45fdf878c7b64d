package org.distdata.cli;

import org.distdata.cli.bench.BenchCommandAccess;
import org.distdata.cli.bench.Workload;
import org.distdata.cli.generate.GenerateCommand;
import org.distdata.cli.imports.ImportCommand;
import org.distdata.cli.sql.SqlCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentParsingTest {

    private static <T> T parse(Class<T> type, String... args) {
        CommandLine.ParseResult result = DistDataCli.newCommandLine().parseArgs(args);
        return type.cast(result.subcommand().commandSpec().userObject());
    }

    @Test
    void sqlTakesStatementUrlUserAndPasswordFile() {
        SqlCommand sql = parse(SqlCommand.class, "sql", "--url", "http://127.0.0.1:8081/", "--user", "bob",
                "--password-file", "/tmp/pw", "--state-dir", "/tmp/state", "SELECT 1");

        assertThat(sql.statement()).isEqualTo("SELECT 1");
        assertThat(sql.connection().url()).as("trailing slash dropped").isEqualTo("http://127.0.0.1:8081");
        assertThat(sql.connection().user()).isEqualTo("bob");
        assertThat(sql.connection().stateDir()).isEqualTo(Path.of("/tmp/state"));
    }

    @Test
    void aRepeatedOptionOverridesTheLaunchersDefault() {
        SqlCommand sql = parse(SqlCommand.class, "sql", "--url", "http://127.0.0.1:8080", "--url", "http://127.0.0.1:8081",
                "VALUES 1");

        assertThat(sql.connection().url()).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void sqlWithoutStatementMeansInteractiveShell() {
        SqlCommand sql = parse(SqlCommand.class, "sql");

        assertThat(sql.statement()).isNull();
        assertThat(sql.connection().user()).isNotBlank();
    }

    @Test
    void importNeedsTableAndFile() {
        ImportCommand command = parse(ImportCommand.class, "import", "--table", "orders", "orders.csv");

        assertThat(command.table()).isEqualTo("orders");
        assertThat(command.file()).isEqualTo(Path.of("orders.csv"));
        assertThat(exitCodeOf("import", "orders.csv")).as("missing --table").isEqualTo(2);
    }

    @Test
    void generateDefaultsToSampleSizesAndSeed() {
        GenerateCommand command = parse(GenerateCommand.class, "generate", "--out", "data");

        assertThat(command.customers()).isEqualTo(100);
        assertThat(command.orders()).isEqualTo(1000);
        assertThat(command.seed()).isEqualTo(42);
        assertThat(command.out()).isEqualTo(Path.of("data"));
    }

    @Test
    void benchParsesClientsRequestsWorkloadAndBaseline() {
        var bench = BenchCommandAccess.parse("bench", "--clients", "16", "--requests", "5000", "--workload", "point-read",
                "--rows", "500", "--baseline-derby", "/tmp/derby");

        assertThat(bench.plan().clients()).isEqualTo(16);
        assertThat(bench.plan().requests()).isEqualTo(5000);
        assertThat(bench.plan().preloadRows()).isEqualTo(500);
        assertThat(bench.workloads()).containsExactly(Workload.POINT_READ);
        assertThat(bench.baselineDerby()).isEqualTo(Path.of("/tmp/derby"));
    }

    @Test
    void benchDefaultsToAllWorkloadsForTwentySeconds() {
        var bench = BenchCommandAccess.parse("bench");

        assertThat(bench.workloads()).containsExactly(Workload.INSERT, Workload.POINT_READ, Workload.IMPORT);
        assertThat(bench.plan().duration().toSeconds()).isEqualTo(20);
        assertThat(bench.plan().requests()).isZero();
        assertThat(bench.plan().clients()).isEqualTo(8);
    }

    @Test
    void benchRejectsDurationTogetherWithRequests() {
        assertThat(exitCodeOf("bench", "--duration", "10", "--requests", "100")).isEqualTo(2);
    }

    @Test
    void unknownWorkloadIsRejected() {
        assertThatThrownBy(() -> Workload.parse("scan")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scan");
        assertThat(Workload.parse("ALL")).hasSize(3);
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(exitCodeOf("frobnicate")).isEqualTo(2);
    }

    private static int exitCodeOf(String... args) {
        CommandLine commandLine = DistDataCli.newCommandLine();
        commandLine.setErr(new PrintWriter(new StringWriter()));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        return commandLine.execute(args);
    }

}
