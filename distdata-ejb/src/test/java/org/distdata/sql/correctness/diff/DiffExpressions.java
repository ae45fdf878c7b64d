package org.distdata.sql.correctness.diff;

import org.distdata.sql.correctness.diff.DiffTable.Column;
import org.distdata.sql.correctness.diff.DiffTable.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Random scalar expressions and predicates over one table's columns, with literals drawn
 * from the same pools as the data so that filters select some rows and miss others. Nothing
 * generated can fail at run time on this data (no division, no overflow), so any error is
 * the engine's own.
 */
final class DiffExpressions {
    private final DiffValues v;

    DiffExpressions(DiffValues values) {
        this.v = values;
    }

    /** A literal of the column's type, quoted as SQL. */
    String literal(Column c) {
        return switch (c.kind()) {
            case INT -> Integer.toString(intLiteral(c));
            case BIGINT -> Integer.toString(v.between(1, 700));
            case DECIMAL -> v.decimal(c.name().equals("tax") ? 20 : 900).toPlainString();
            case DOUBLE -> Double.toString(v.quarter(c.name().equals("score") ? 100 : 900));
            case VARCHAR -> "'" + stringLiteral(c) + "'";
            case DATE -> "DATE('" + v.date() + "')";
        };
    }

    private int intLiteral(Column c) {
        return switch (c.name()) {
            case "region_id" -> v.between(0, 9);
            case "qty" -> v.between(0, 21);
            default -> v.between(1, 400);
        };
    }

    String stringLiteral(Column c) {
        return switch (c.name()) {
            case "name" -> v.pick(DiffValues.NAMES);
            case "city" -> v.pick(DiffValues.CITIES);
            case "status" -> v.pick(DiffValues.STATUSES);
            case "method" -> v.pick(DiffValues.METHODS);
            default -> v.pick(DiffValues.REGION_NAMES);
        };
    }

    /** A boolean condition over the given columns, nested up to {@code depth} AND/OR/NOT levels. */
    String predicate(List<Column> columns, int depth) {
        if (depth > 0 && v.chance(0.45)) {
            String op = v.chance(0.6) ? " AND " : " OR ";
            String both = "(" + predicate(columns, depth - 1) + op + predicate(columns, depth - 1) + ")";
            return v.chance(0.15) ? "NOT " + both : both;
        }
        return comparison(v.pick(columns));
    }

    String comparison(Column c) {
        int form = v.between(0, 9);
        if (form == 0) {
            return c.ref() + (v.chance(0.5) ? " IS NULL" : " IS NOT NULL");
        }
        if (form == 1) {
            List<String> items = new ArrayList<>();
            int n = v.between(1, 4);
            for (int i = 0; i < n; i++) {
                items.add(literal(c));
            }
            return c.ref() + (v.chance(0.2) ? " NOT IN (" : " IN (") + String.join(", ", items) + ")";
        }
        if (form == 2 && c.kind() != Kind.VARCHAR) {
            String a = literal(c);
            String b = literal(c);
            return c.ref() + (v.chance(0.15) ? " NOT BETWEEN " : " BETWEEN ") + a + " AND " + b;
        }
        if (form <= 4 && c.kind() == Kind.VARCHAR) {
            return c.ref() + (v.chance(0.15) ? " NOT LIKE '" : " LIKE '") + likePattern(c) + "'";
        }
        return c.ref() + " " + v.pick(List.of("=", "<>", "<", "<=", ">", ">=")) + " " + literal(c);
    }

    private String likePattern(Column c) {
        String s = stringLiteral(c);
        if (s.isEmpty()) {
            return "%";
        }
        return switch (v.between(0, 3)) {
            case 0 -> s.substring(0, 1) + "%";
            case 1 -> "%" + s.substring(s.length() - 1);
            case 2 -> "_" + s.substring(Math.min(1, s.length())) + (s.length() > 1 ? "" : "%");
            default -> "%" + s.toLowerCase(Locale.ROOT).charAt(0) + "%";
        };
    }

    /** A scalar expression over one column; {@code approx} tells whether it computes in DOUBLE. */
    record Expr(String sql, boolean approx) {
    }

    Expr scalar(Column c) {
        String r = c.ref();
        switch (c.kind()) {
            case INT, BIGINT -> {
                return new Expr(v.pick(List.of(r, r + " + " + v.between(1, 50), r + " * " + v.between(2, 5),
                        "ABS(" + r + " - " + v.between(1, 300) + ")", "MOD(" + r + ", " + v.between(2, 7) + ")",
                        "COALESCE(" + r + ", -1)", "CASE WHEN " + r + " > " + v.between(1, 300)
                                + " THEN 'big' ELSE 'small' END", "-" + r)), false);
            }
            case DECIMAL -> {
                return new Expr(v.pick(List.of(r, r + " * 2", r + " - 10.50", "COALESCE(" + r + ", 0)",
                        "CASE WHEN " + r + " IS NULL THEN 0 ELSE " + r + " END")), false);
            }
            case DOUBLE -> {
                return new Expr(v.pick(List.of(r, r + " * 2", r + " + 0.25", "COALESCE(" + r + ", 0.0)")), true);
            }
            case VARCHAR -> {
                return new Expr(v.pick(List.of(r, "UPPER(" + r + ")", "LOWER(" + r + ")", "LENGTH(" + r + ")",
                        r + " || '-'", "COALESCE(" + r + ", 'none')", "TRIM(" + r + ")")),
                        false);
            }
            default -> {
                return new Expr(v.pick(List.of(r, "YEAR(" + r + ")", "MONTH(" + r + ")")), false);
            }
        }
    }
}
