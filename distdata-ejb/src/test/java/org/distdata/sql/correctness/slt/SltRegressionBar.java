package org.distdata.sql.correctness.slt;

import org.distdata.sql.correctness.EngineUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The differential sqllogictest bar, for one kind of DistData: every record of the corpus that
 * a single embedded Derby passes, DistData must pass too. One dynamic test per script. By
 * default it runs a deterministic sample (see {@link SltSampling}): the first
 * {@code slt.maxRecords} records of each file (default {@value #DEFAULT_MAX_RECORDS}), of those
 * every statement and at most {@code slt.sample} queries (default {@value #DEFAULT_SAMPLE});
 * {@code -Dslt.full=true} runs every record. The report property (see {@link #reportProperty})
 * names a document to write the per-file table into. A missing corpus fails the build on CI
 * ({@code CI=true}) and is an explicit assumption failure elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SltRegressionBar {
    static final int DEFAULT_SAMPLE = 20;
    static final int DEFAULT_MAX_RECORDS = 400;

    private final List<SltFileReport> reports = new ArrayList<>();
    private SltSampling sampling;
    private SltComparison comparison;

    @TempDir
    Path scratch;

    /** Opens the DistData under test in a scratch directory. */
    abstract EngineUnderTest open(Path scratch);

    /** The system property naming the document the table is written into, e.g. {@code slt.report}. */
    abstract String reportProperty();

    /** The markers of the table in that document, e.g. {@code slt-table}. */
    abstract String reportMarker();

    static SltSampling samplingFromProperties(SltSampling fallback) {
        if (Boolean.getBoolean("slt.full")) {
            return SltSampling.FULL;
        }
        String sample = System.getProperty("slt.sample");
        String maxRecords = System.getProperty("slt.maxRecords");
        if ((sample == null || sample.isBlank()) && (maxRecords == null || maxRecords.isBlank())) {
            return fallback;
        }
        return new SltSampling(intOr(sample, fallback.maxQueries()), intOr(maxRecords, fallback.maxRecords()));
    }

    private static int intOr(String value, int fallback) {
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    @TestFactory
    Stream<DynamicTest> everyRecordDerbyPassesDistDataPassesToo() {
        Optional<Path> corpus = SltCorpus.locate();
        if (corpus.isEmpty()) {
            String message = "sqllogictest corpus not found at " + SltCorpus.expectedLocation()
                    + " (CI copies shared/ beside the clone; -Dslt.corpus=<dir> overrides)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        sampling = samplingFromProperties(new SltSampling(DEFAULT_SAMPLE, DEFAULT_MAX_RECORDS));
        comparison = new SltComparison(corpus.get(), scratch, sampling, this::open);
        return SltCorpus.files(corpus.get()).stream().map(file ->
                DynamicTest.dynamicTest(SltFileReport.relativeName(corpus.get(), file), () -> {
                    SltFileReport report = comparison.compare(file);
                    synchronized (reports) {
                        reports.add(report);
                    }
                    System.out.printf("slt %s on %s: %d records, Derby passed %d (%.1f s), DistData passed %d "
                                    + "(%.1f s), regressions %d%n", report.name(), comparison.description(),
                            report.records(), report.derby().passed(), report.derby().elapsedSeconds(),
                            report.distData().passed(), report.distData().elapsedSeconds(),
                            report.regressions().size());
                    assertThat(report.records()).as("records run in " + report.name()).isPositive();
                    assertThat(report.regressions())
                            .as("records Derby passes and DistData fails in " + report.name())
                            .isEmpty();
                }));
    }

    @AfterAll
    void printTable() {
        String distData = comparison == null ? null : comparison.description();
        if (comparison != null) {
            comparison.close();
        }
        if (reports.isEmpty()) {
            return;
        }
        String table = SltMarkdown.table(reports, sampling, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                distData);
        System.out.println(table);
        String regressions = SltMarkdown.regressions(reports, 10);
        if (!regressions.isEmpty()) {
            System.out.println("Regressions:\n" + regressions);
        }
        String report = System.getProperty(reportProperty());
        if (report != null && !report.isBlank()) {
            Path doc = Path.of(report);
            SltMarkdown.splice(doc.isAbsolute() ? doc : SltCorpus.repoRoot().resolve(doc), table, reportMarker(),
                    "sqllogictest results (" + distData + ")");
        }
    }
}
