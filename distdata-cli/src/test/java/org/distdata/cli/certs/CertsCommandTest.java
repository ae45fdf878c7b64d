package org.distdata.cli.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.distdata.cli.DistDataCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {

    @TempDir
    Path dir;

    @Test
    void createsTheCaAndNodeCertificatesOnceAndKeepsThemAfterwards() {
        String first = run("certs", "--dir", dir.toString(), "--nodes", "2", "--node", "db-eu-1");
        assertThat(first).contains("CA       created", "n1       created", "n2       created", "db-eu-1  created");
        assertThat(dir.resolve("ca.crt")).exists();
        assertThat(dir.resolve("ca.p12")).exists();
        assertThat(dir.resolve("n1.p12")).exists();
        assertThat(dir.resolve("n2.p12")).exists();
        assertThat(dir.resolve("db-eu-1.p12")).exists();
        assertThat(dir.resolve("keystore.pass")).exists();

        String second = run("certs", "--dir", dir.toString(), "--nodes", "3");
        assertThat(second).contains("CA       kept", "n1       kept", "n2       kept", "n3       created");
        assertThat(Files.isRegularFile(dir.resolve("n3.p12"))).isTrue();
    }

    private static String run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(DistDataCli.newCommandLine().execute(args)).isZero();
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
