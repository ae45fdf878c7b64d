package org.distdata.cli.bench;

import java.util.List;
import java.util.Locale;

/** The kinds of work the load generator drives; {@code all} on the command line runs them in this order. */
public enum Workload {
    /** One single-row INSERT per operation, autocommit. */
    INSERT("insert"),
    /** One SELECT by primary key per operation, over rows preloaded before the run. */
    POINT_READ("point-read"),
    /** One bulk load of a batch of rows (CSV import / JDBC batch) per operation. */
    IMPORT("import");

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** {@code insert}, {@code point-read}, {@code import} or {@code all}. */
    public static List<Workload> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("all")) {
            return List.of(values());
        }
        for (Workload workload : values()) {
            if (workload.label.equals(wanted)) {
                return List.of(workload);
            }
        }
        throw new IllegalArgumentException("unknown workload '" + text + "' (insert, point-read, import or all)");
    }
}
