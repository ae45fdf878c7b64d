package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import org.distdata.partition.ColumnDef;

import java.sql.Types;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a query's aggregates into what each partition computes and how the gateway combines
 * the partial results, keeping Derby's result types: COUNT becomes a SUM of counts (0 when
 * nothing matched), SUM/MIN/MAX combine with themselves, AVG becomes SUM and COUNT divided at
 * the end and cast back to AVG's type (integers truncate; DECIMAL keeps at least four
 * fractional digits, as Derby's AVG does). DISTINCT aggregates are kept correct by having the
 * partitions only de-duplicate their argument. Null when the query cannot be split this way
 * (GROUP BY an expression, DISTINCT mixed with plain aggregates, AVG of an expression).
 */
final class PartialAggregation {

    /** One partial aggregate a partition computes, e.g. {@code SUM(CAST(o.qty AS BIGINT))}. */
    record Partial(String function, Expression argument, String cast) {
        String render(SqlRenderer r) {
            if (argument == null) {
                return function + "(*)";
            }
            String arg = r.render(argument);
            if (function.isEmpty()) {
                return arg;
            }
            return function + "(" + (cast == null ? arg : "CAST(" + arg + " AS " + cast + ")") + ")";
        }
    }

    private final List<Partial> partials = new ArrayList<>();
    private final Map<Function, String> finals = new IdentityHashMap<>();
    private Expression distinctArgument;

    static PartialAggregation of(BoundQuery q) {
        for (Expression g : q.groupBy()) {
            if (!(g instanceof Column c) || q.binding(c) == null) {
                return null;
            }
        }
        PartialAggregation p = new PartialAggregation();
        int base = q.groupBy().size(); // the gathered rows hold the GROUP BY columns first, then the partials
        boolean anyDistinct = q.aggregates().stream().anyMatch(Function::isDistinct);
        if (anyDistinct) {
            String argText = null;
            for (Function f : q.aggregates()) {
                Expression arg = argument(f);
                if (!f.isDistinct() || !(arg instanceof Column c) || q.binding(c) == null
                        || (argText != null && !argText.equals(arg.toString()))) {
                    return null;
                }
                argText = arg.toString();
                p.distinctArgument = arg;
            }
            p.partials.add(new Partial("", p.distinctArgument, null));
            for (Function f : q.aggregates()) {
                p.finals.put(f, f.getName().toUpperCase(Locale.ROOT) + "(DISTINCT R.\"C" + base + "\")");
            }
            return p;
        }
        for (Function f : q.aggregates()) {
            String name = f.getName().toUpperCase(Locale.ROOT);
            Expression arg = argument(f);
            switch (name) {
                case "COUNT" -> p.finals.put(f, "COALESCE(SUM(" + p.slot(new Partial("COUNT", arg, null), base) + "), 0)");
                case "SUM", "MIN", "MAX" -> {
                    if (arg == null) {
                        return null;
                    }
                    p.finals.put(f, name + "(" + p.slot(new Partial(name, arg, null), base) + ")");
                }
                case "AVG" -> {
                    ColumnDef column = arg instanceof Column c && q.binding(c) != null ? q.binding(c).column() : null;
                    if (column == null) {
                        return null;
                    }
                    String sumCast;
                    String resultType;
                    switch (column.jdbcType()) {
                        case Types.INTEGER, Types.SMALLINT, Types.BIGINT, Types.TINYINT -> {
                            sumCast = "BIGINT";
                            resultType = column.typeName();
                        }
                        case Types.DECIMAL, Types.NUMERIC -> {
                            sumCast = null;
                            resultType = "DECIMAL(31," + Math.max(4, column.scale()) + ")";
                        }
                        case Types.DOUBLE, Types.FLOAT -> {
                            sumCast = null;
                            resultType = null;
                        }
                        case Types.REAL -> {
                            sumCast = "DOUBLE";
                            resultType = "REAL";
                        }
                        default -> {
                            return null;
                        }
                    }
                    String a = p.slot(new Partial("SUM", arg, sumCast), base);
                    String c = p.slot(new Partial("COUNT", arg, null), base);
                    String count = "NULLIF(SUM(CAST(" + c + " AS BIGINT)), 0)";
                    String avg;
                    if (resultType != null && resultType.startsWith("DECIMAL")) {
                        // Derby divides DECIMAL(31,k) by BIGINT at scale k, truncating, as its AVG does
                        avg = "CAST(SUM(" + a + ") AS " + resultType + ") / " + count;
                    } else {
                        String quotient = "SUM(" + a + ") / " + count;
                        avg = resultType == null ? quotient : "CAST(" + quotient + " AS " + resultType + ")";
                    }
                    p.finals.put(f, avg);
                }
                default -> {
                    return null;
                }
            }
        }
        return p;
    }

    /** The input column of {@code partial}, added once however many aggregates need it. */
    private String slot(Partial partial, int base) {
        String text = partial.function() + "|" + partial.argument() + "|" + partial.cast();
        for (int i = 0; i < partials.size(); i++) {
            Partial p = partials.get(i);
            if ((p.function() + "|" + p.argument() + "|" + p.cast()).equals(text)) {
                return "R.\"C" + (base + i) + "\"";
            }
        }
        partials.add(partial);
        return "R.\"C" + (base + partials.size() - 1) + "\"";
    }

    /** The single argument of an aggregate call; null for {@code COUNT(*)}. */
    private static Expression argument(Function f) {
        if (f.isAllColumns() || f.getParameters() == null || f.getParameters().isEmpty()) {
            return null;
        }
        if (f.getParameters().size() != 1) {
            throw new PlannerFallback("aggregate with several arguments");
        }
        Expression e = (Expression) f.getParameters().get(0);
        return e instanceof AllColumns ? null : e;
    }

    List<Partial> partials() {
        return partials;
    }

    /** Extra GROUP BY terms of the partial query (the de-duplicated DISTINCT argument). */
    List<String> extraGroupBy(SqlRenderer r) {
        return distinctArgument == null ? List.of() : List.of(r.render(distinctArgument));
    }

    /** The final stage's text for aggregate call {@code f}, or null when {@code f} is not one. */
    String finalForm(Function f) {
        return finals.get(f);
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        for (Partial p : partials) {
            parts.add(p.function().isEmpty() ? "DISTINCT " + p.argument() : p.function()
                    + "(" + (p.argument() == null ? "*" : p.argument().toString()) + ")");
        }
        return parts.isEmpty() ? "groups only" : String.join(", ", parts);
    }
}
