package org.distdata.sql.correctness.slt;

import org.distdata.sql.correctness.slt.SltRecord.Halt;
import org.distdata.sql.correctness.slt.SltRecord.Query;
import org.distdata.sql.correctness.slt.SltRecord.SltCondition;
import org.distdata.sql.correctness.slt.SltRecord.SltHash;
import org.distdata.sql.correctness.slt.SltRecord.SltSort;
import org.distdata.sql.correctness.slt.SltRecord.Statement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sqllogictest script into {@link SltRecord}s. Records are separated by blank
 * lines, {@code #} starts a comment line, CRLF line ends are accepted, and
 * {@code hash-threshold} is read but not needed: an expected result is compared in whichever
 * form the script gives it (values or hash).
 */
public final class SltParser {
    private static final Pattern HASH = Pattern.compile("^(\\d+) values hashing to ([0-9a-fA-F]{32})$");

    private final List<String> lines;
    private int pos;

    private SltParser(List<String> lines) {
        this.lines = lines;
    }

    public static List<SltRecord> parse(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<SltRecord> parse(List<String> lines) {
        List<String> clean = new ArrayList<>(lines.size());
        for (String l : lines) {
            clean.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        return new SltParser(clean).records();
    }

    private List<SltRecord> records() {
        List<SltRecord> records = new ArrayList<>();
        List<SltCondition> conditions = new ArrayList<>();
        while (pos < lines.size()) {
            String line = lines.get(pos);
            String[] words = line.strip().split("\\s+");
            int start = pos + 1;
            if (line.isBlank()) {
                pos++;
                if (!conditions.isEmpty()) {
                    conditions = new ArrayList<>(); // a guard applies only to the record right after it
                }
                continue;
            }
            if (line.startsWith("#")) {
                pos++;
                continue;
            }
            switch (words[0]) {
                case "skipif", "onlyif" -> {
                    conditions.add(new SltCondition(words[0].equals("onlyif"), words[1]));
                    pos++;
                }
                case "statement" -> {
                    pos++;
                    records.add(new Statement(start, List.copyOf(conditions), sqlUntil(false),
                            words.length > 1 && words[1].equals("error")));
                    conditions = new ArrayList<>();
                }
                case "query" -> {
                    pos++;
                    records.add(query(start, List.copyOf(conditions), words));
                    conditions = new ArrayList<>();
                }
                case "halt" -> {
                    pos++;
                    records.add(new Halt(start, List.copyOf(conditions)));
                    conditions = new ArrayList<>();
                }
                default -> pos++; // hash-threshold and unknown directives change nothing we compare
            }
        }
        return records;
    }

    private Query query(int start, List<SltCondition> conditions, String[] words) {
        String types = words.length > 1 ? words[1] : "";
        SltSort sort = words.length > 2 ? SltSort.valueOf(words[2].toUpperCase(Locale.ROOT)) : SltSort.NOSORT;
        String label = words.length > 3 ? words[3] : null;
        String sql = sqlUntil(true);
        List<String> expected = new ArrayList<>();
        SltHash hash = null;
        if (pos < lines.size() && lines.get(pos).equals("----")) {
            pos++;
            while (pos < lines.size() && !lines.get(pos).isEmpty()) {
                String value = lines.get(pos++);
                Matcher m = HASH.matcher(value.strip());
                if (expected.isEmpty() && m.matches()) {
                    hash = new SltHash(Integer.parseInt(m.group(1)), m.group(2).toLowerCase(Locale.ROOT));
                } else {
                    expected.add(value);
                }
            }
        }
        return new Query(start, conditions, sql, types, sort, label, List.copyOf(expected), hash);
    }

    /** Joins the SQL lines up to a blank line (or the {@code ----} separator of a query). */
    private String sqlUntil(boolean query) {
        StringBuilder sql = new StringBuilder();
        while (pos < lines.size()) {
            String line = lines.get(pos);
            if (line.isBlank() || (query && line.equals("----"))) {
                break;
            }
            if (!sql.isEmpty()) {
                sql.append('\n');
            }
            sql.append(line);
            pos++;
        }
        return sql.toString();
    }
}
