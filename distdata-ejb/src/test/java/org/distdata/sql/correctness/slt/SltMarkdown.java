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
 * regressions, with run times) as Markdown, and splices it into a document between the
 * markers {@value #START} and {@value #END}, appending a section if they are absent.
 */
public final class SltMarkdown {
    static final String START = "<!-- slt-table:start -->";
    static final String END = "<!-- slt-table:end -->";

    private SltMarkdown() {
    }

    public static String table(List<SltFileReport> reports, SltSampling sampling, String when) {
        StringBuilder md = new StringBuilder();
        md.append("Run: ").append(when).append(", ").append(sampling).append(", DistData = one in-process node with ")
                .append(org.distdata.sql.correctness.DistDataNodeEngine.PARTITIONS).append(" partitions.\n\n");
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
        try {
            String text = Files.exists(document) ? Files.readString(document, StandardCharsets.UTF_8) : "";
            String block = START + "\n" + table + END;
            int s = text.indexOf(START);
            int e = text.indexOf(END);
            String updated = s >= 0 && e > s
                    ? text.substring(0, s) + block + text.substring(e + END.length())
                    : text + "\n## sqllogictest results\n\n" + block + "\n";
            Files.writeString(document, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + document, e);
        }
    }
}
