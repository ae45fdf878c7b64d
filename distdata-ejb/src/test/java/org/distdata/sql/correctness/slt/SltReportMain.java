package org.distdata.sql.correctness.slt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the whole sqllogictest corpus (or the sample chosen by {@code slt.sample}) on Derby and
 * on DistData and prints the per-file Markdown table; with a document path argument it also
 * writes the table into that document (normally {@code docs/correctness.md}). Meant to be
 * started by hand or through {@link SqlLogicTestRegressionTest} with {@code -Dslt.report=...}.
 */
public final class SltReportMain {
    private SltReportMain() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = SltCorpus.locate().orElseThrow(() ->
                new IllegalStateException("no sqllogictest corpus at " + SltCorpus.expectedLocation()));
        SltSampling sampling = SltRegressionBar.samplingFromProperties(SltSampling.FULL);
        Path scratch = Files.createTempDirectory("slt-report");
        List<SltFileReport> reports = new ArrayList<>();
        String distData;
        try (SltComparison comparison = new SltComparison(corpus, scratch, sampling)) {
            for (Path file : SltCorpus.files(corpus)) {
                SltFileReport r = comparison.compare(file);
                System.err.printf("%s: %d records, derby %d, distdata %d, regressions %d%n", r.name(), r.records(),
                        r.derby().passed(), r.distData().passed(), r.regressions().size());
                reports.add(r);
            }
            distData = comparison.description();
        }
        String table = SltMarkdown.table(reports, sampling, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                distData);
        System.out.println(table);
        System.out.println(SltMarkdown.regressions(reports, 20));
        if (args.length > 0) {
            SltMarkdown.splice(Path.of(args[0]), table);
        }
    }
}
