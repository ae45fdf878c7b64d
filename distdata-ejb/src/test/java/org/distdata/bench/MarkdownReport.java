package org.distdata.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints a query benchmark's results as the markdown that goes into BENCHMARKS.md: the load
 * and statistics tables, the latency table with DistData/Derby ratios, and each query with
 * DistData's EXPLAIN, between two marker lines so that the block is easy to cut out.
 */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static void print(List<String> preamble, List<String> loadRows, List<String> analyzeRows,
                      List<Measurement> results) {
        PrintStream out = System.out;
        out.println();
        out.println("==================== markdown for BENCHMARKS.md ====================");
        for (String paragraph : preamble) {
            out.println();
            out.println(paragraph);
        }
        out.println();
        out.println("| table | rows | DistData s | DistData rows/s | Derby s | Derby rows/s | DistData / Derby time |");
        out.println("|---|--:|--:|--:|--:|--:|--:|");
        loadRows.forEach(System.out::println);
        out.println();
        out.println("| table | DistData `ANALYZE` s | Derby `SYSCS_UPDATE_STATISTICS` s |");
        out.println("|---|--:|--:|");
        analyzeRows.forEach(System.out::println);
        out.println();
        out.println("| query | rows | runs | DistData median ms | DistData p95 ms | Derby median ms"
                + " | Derby p95 ms | DistData / Derby (median) |");
        out.println("|---|--:|--:|--:|--:|--:|--:|--:|");
        for (Measurement m : results) {
            String name = "(" + m.query().id() + ") " + m.query().title();
            if (m.failure() != null) {
                out.printf("| %s | — | %d | FAILED | | | | `%s` |%n", name, m.runs(),
                        m.failure().replace('|', '/').replace('\n', ' '));
                continue;
            }
            out.printf("| %s | %d | %d | %s | %s | %s | %s | %s |%n", name, m.rows(), m.runs(),
                    m.distDataMedianText(), m.distDataP95Text(), Measurement.ms(m.derbyMedian()),
                    Measurement.ms(m.derbyP95()), m.ratioText());
        }
        out.println();
        out.println("Queries and DistData's `EXPLAIN` (first parameter set):");
        for (Measurement m : results) {
            out.println();
            out.printf("**(%s) %s** — parameters %s%n%n", m.query().id(), m.query().title(), m.params());
            out.println("```sql");
            out.println(m.query().sql());
            out.println("```");
            out.println("```text");
            m.explain().forEach(System.out::println);
            out.println("```");
        }
        out.println("==================== end of markdown ====================");
    }

}
