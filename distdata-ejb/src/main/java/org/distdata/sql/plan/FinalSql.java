package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the gateway's final-stage statement over the gathered input {@code R}: the query's
 * select list, HAVING and ORDER BY with column references (and, after partial aggregation,
 * aggregate calls) rewritten by the given {@link SqlRenderer.Rewrite}, then OFFSET/FETCH.
 */
final class FinalSql {
    private FinalSql() {
    }

    static FinalStage build(BoundQuery q, SelectList list, SqlRenderer.Rewrite rewrite, List<Expression> where,
                            List<String> groupBy, String description, double rows) {
        List<Integer> params = new ArrayList<>();
        SqlRenderer r = new SqlRenderer(rewrite, params);
        StringBuilder sql = new StringBuilder("SELECT ");
        if (q.distinct()) {
            sql.append("DISTINCT ");
        }
        sql.append(list.render(q, r, false));
        sql.append(" FROM ").append(FinalStage.INPUT).append(" AS R");
        if (where != null && !where.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (Expression e : where) {
                parts.add("(" + r.render(e) + ")");
            }
            sql.append(" WHERE ").append(String.join(" AND ", parts));
        }
        if (groupBy != null && !groupBy.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groupBy));
        }
        if (q.select().getHaving() != null) {
            sql.append(" HAVING ").append(r.render(q.select().getHaving()));
        }
        if (!q.orderBy().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (OrderByElement o : q.orderBy()) {
                parts.add(r.render(o.getExpression()) + SelectList.direction(o));
            }
            sql.append(" ORDER BY ").append(String.join(", ", parts));
        }
        sql.append(offsetFetch(q.select(), r));
        return new FinalStage(sql.toString(), params, description, rows);
    }

    /** The query's OFFSET/FETCH clause, rendered (parameters recorded), or "". */
    static String offsetFetch(PlainSelect select, SqlRenderer r) {
        StringBuilder s = new StringBuilder();
        Offset offset = select.getOffset();
        if (offset != null) {
            s.append(" OFFSET ").append(r.render(offset.getOffset())).append(" ROWS");
        }
        Fetch fetch = select.getFetch();
        if (fetch != null) {
            Expression n = fetch.getExpression();
            s.append(offset == null ? " FETCH FIRST " : " FETCH NEXT ")
                    .append(n == null ? "1" : r.render(n)).append(" ROWS ONLY");
        }
        return s.toString();
    }

    /** OFFSET + FETCH as one literal row count when both are literals (or absent offset), else -1. */
    static long topN(PlainSelect select) {
        Fetch fetch = select.getFetch();
        if (fetch == null) {
            return -1;
        }
        long n = fetch.getExpression() == null ? 1 : literal(fetch.getExpression());
        long off = select.getOffset() == null ? 0 : literal(select.getOffset().getOffset());
        return n < 0 || off < 0 ? -1 : n + off;
    }

    private static long literal(Expression e) {
        return e instanceof LongValue v ? v.getValue() : -1;
    }
}
