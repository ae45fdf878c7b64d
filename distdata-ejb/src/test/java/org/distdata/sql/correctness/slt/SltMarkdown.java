package org.distdata.sql.correctness.slt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders the per-file sqllogictest table (records / Derby passed / DistData passed /
 * regressions, with run times) as Markdown, and splices it into a document between two
 * markers ({@code <!-- slt-table:start -->} and {@code :end} for one node), appending a section
 * if they are absent.
 */
public final class SltMarkdown {
    private SltMarkdown() {
    }

    public static String table(List<SltFileReport> reports, SltSampling sampling, String when, String distData) {
        StringBuilder md = new StringBuilder();
        md.append("Run: ").append(when).append(", ").append(sampling).append(", DistData = ").append(distData)
                .append(" (in-process).\n\n");
        md.append("| file | records | Derby passed | DistData passed | regressions | Derby s | DistData s |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        int records = 0, derby = 0, dist = 0, regressions = 0;
        double derbySeconds = 0, distSeconds = 0;
        for (SltFileReport r : reports) {
            int reg = r.regressions().size();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f | %.1f |%n", r.name(), r.records(),
                    r.derby().passed(), r.distData().passed(), reg, r.derby().elapsedSeconds(),
                    r.distData().elapsedSeconds()));
            records += r.records();
            derby += r.derby().passed();
            dist += r.distData().passed();
            regressions += reg;
            derbySeconds += r.derby().elapsedSeconds();
            distSeconds += r.distData().elapsedSeconds();
        }
        md.append(String.format(Locale.ROOT, "| **total** | %d | %d | %d | %d | %.1f | %.1f |%n", records, derby, dist,
                regressions, derbySeconds, distSeconds));
        return md.toString();
    }

    /** Every regression of every file, one per line, for the report and the test failure. */
    public static String regressions(List<SltFileReport> reports, int perFileLimit) {
        StringBuilder out = new StringBuilder();
        for (SltFileReport r : reports) {
            List<String> regs = r.regressions();
            regs.stream().limit(perFileLimit).forEach(s -> out.append("- ").append(s).append('\n'));
            if (regs.size() > perFileLimit) {
                out.append("- ... ").append(regs.size() - perFileLimit).append(" more in ").append(r.name()).append('\n');
            }
        }
        return out.toString();
    }

    public static void splice(Path document, String table) {
        splice(document, table, "slt-table", "sqllogictest results");
    }

    /** Splices {@code table} between {@code <!-- marker:start -->} and {@code <!-- marker:end -->}. */
    public static void splice(Path document, String table, String marker, String heading) {
        String start = "<!-- " + marker + ":start -->";
        String end = "<!-- " + marker + ":end -->";
        try {
            String text = Files.exists(document) ? Files.readString(document, StandardCharsets.UTF_8) : "";
            String block = start + "\n" + table + end;
            int s = text.indexOf(start);
            int e = text.indexOf(end);
            String updated = s >= 0 && e > s
                    ? text.substring(0, s) + block + text.substring(e + end.length())
                    : text + "\n## " + heading + "\n\n" + block + "\n";
            Files.writeString(document, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + document, e);
        }
    }
}
