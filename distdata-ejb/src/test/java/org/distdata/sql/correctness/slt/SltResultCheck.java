package org.distdata.sql.correctness.slt;

import org.distdata.sql.correctness.slt.SltRecord.Query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Decides whether a query's formatted values match what the record expects: sorts them as
 * the record asks ({@code rowsort} by whole rows, {@code valuesort} by single values, both
 * by plain string order as sqllogictest does), then compares them value by value or, for a
 * hashed expectation, by count and MD5 of the values each followed by a newline.
 */
public final class SltResultCheck {
    private SltResultCheck() {
    }

    /** Returns null when the values match, else a short description of the difference. */
    public static String mismatch(Query query, int columns, List<String> values) {
        if (columns != query.types().length()) {
            return "expected " + query.types().length() + " columns, got " + columns;
        }
        List<String> sorted = sort(values, columns, query.sort());
        if (query.expectedHash() != null) {
            String md5 = md5(sorted);
            if (sorted.size() != query.expectedHash().values() || !md5.equals(query.expectedHash().md5())) {
                return "expected " + query.expectedHash().values() + " values hashing to " + query.expectedHash().md5()
                        + ", got " + sorted.size() + " values hashing to " + md5 + preview(sorted);
            }
            return null;
        }
        if (!sorted.equals(query.expectedValues())) {
            return "expected " + abbreviate(query.expectedValues()) + ", got " + abbreviate(sorted);
        }
        return null;
    }

    static List<String> sort(List<String> values, int columns, SltRecord.SltSort sort) {
        return switch (sort) {
            case NOSORT -> values;
            case VALUESORT -> values.stream().sorted().toList();
            case ROWSORT -> rowSort(values, Math.max(columns, 1));
        };
    }

    private static List<String> rowSort(List<String> values, int columns) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i + columns <= values.size(); i += columns) {
            rows.add(values.subList(i, i + columns));
        }
        rows.sort(ROW_ORDER);
        List<String> out = new ArrayList<>(values.size());
        rows.forEach(out::addAll);
        return out;
    }

    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    static String md5(List<String> values) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            for (String v : values) {
                digest.update(v.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static String preview(List<String> values) {
        return values.size() <= 12 ? " " + values : "";
    }

    private static String abbreviate(List<String> values) {
        return values.size() <= 12 ? values.toString()
                : values.subList(0, 12) + "... (" + values.size() + " values)";
    }
}
