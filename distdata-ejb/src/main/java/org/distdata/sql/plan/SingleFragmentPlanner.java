package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a query whose joins are all co-located: its FROM and WHERE run unchanged as one
 * fragment on every partition the distribution-key predicates leave, and the gateway only
 * finishes. Aggregation is pushed down whole when a distribution key is among the GROUP BY
 * columns (every group lives in one partition), else split into partial aggregates per
 * partition and a final aggregation (AVG as SUM and COUNT; DISTINCT aggregates over
 * de-duplicated values), else left to the final stage over gathered rows. A FETCH FIRST
 * with an ORDER BY sends each partition only its top rows.
 */
final class SingleFragmentPlanner {
    private final BoundQuery q;
    private final CostModel cost;
    private final SelectList list;
    private final PartitionFilter partitions;
    private final double scannedRows;
    private final double rows;
    private final int spread;

    SingleFragmentPlanner(BoundQuery q, CostModel cost) {
        this.q = q;
        this.cost = cost;
        this.list = new SelectList(q);
        BitSet all = new BitSet();
        all.set(0, q.tables().size());
        this.partitions = QueryPlanner.partitionFilter(q, all, cost.partitions());
        this.spread = spread(partitions, cost.partitions());
        double scanned = 0;
        double product = 1;
        for (BoundTable t : q.tables()) {
            double n = cost.rows(t.table());
            scanned += t.table().isDistributed() ? n * spread / cost.partitions() : n * spread;
            product *= n;
        }
        for (BoundQuery.Conjunct c : q.filters()) {
            product *= cost.selectivity(c.expression(), q);
        }
        this.scannedRows = scanned;
        this.rows = Math.max(1, product);
    }

    DistributedPlan plan() {
        if (!q.aggregated()) {
            return passThrough(false);
        }
        if (groupsLiveInOnePartition()) {
            return passThrough(true);
        }
        PartialAggregation partial = PartialAggregation.of(q);
        return partial != null ? partialAggregation(partial) : gatherRows();
    }

    /** The select list (and for a grouped query its GROUP BY/HAVING) runs on the partitions. */
    private DistributedPlan passThrough(boolean grouped) {
        List<Integer> params = new ArrayList<>();
        SqlRenderer r = SqlRenderer.verbatim(params);
        StringBuilder sql = new StringBuilder("SELECT ");
        if (q.distinct()) {
            sql.append("DISTINCT ");
        }
        sql.append(list.render(q, r, false));
        int visible = list.items().size();
        List<String> finalOrder = new ArrayList<>();
        int hidden = 0;
        for (OrderByElement o : q.orderBy()) {
            int idx = list.indexOf(o, q);
            if (idx < 0) {
                if (q.distinct()) {
                    throw new PlannerFallback("ORDER BY outside the select list of a DISTINCT query");
                }
                sql.append(", ").append(r.render(o.getExpression())).append(" AS \"DDO_").append(hidden).append('"');
                idx = visible + hidden++;
            }
            finalOrder.add("R.\"C" + idx + "\"" + SelectList.direction(o));
        }
        boolean needsFinal = q.distinct() || !q.orderBy().isEmpty() || q.select().getOffset() != null
                || q.select().getFetch() != null;
        boolean rowIdOrder = !needsFinal && !grouped && q.tables().size() == 1 && q.tables().get(0).table().hiddenRowId();
        String rowId = rowIdOrder ? SqlNames.quote(q.tables().get(0).reference()) + "."
                + SqlNames.quote(TableDef.HIDDEN_ROW_ID) : null;
        if (rowIdOrder) {
            sql.append(", ").append(rowId);
        }
        sql.append(fromAndWhere(r));
        if (grouped) {
            sql.append(" GROUP BY ").append(r.renderAll(q.groupBy(), ", "));
            if (q.select().getHaving() != null) {
                sql.append(" HAVING ").append(r.render(q.select().getHaving()));
            }
        }
        long topN = FinalSql.topN(q.select());
        String detail;
        if (rowIdOrder) {
            sql.append(" ORDER BY ").append(rowId);
            detail = "rows merged in insertion order";
        } else if (topN >= 0 && !q.orderBy().isEmpty()) {
            List<String> order = new ArrayList<>();
            for (OrderByElement o : q.orderBy()) {
                order.add(r.render(o.getExpression()) + SelectList.direction(o));
            }
            sql.append(" ORDER BY ").append(String.join(", ", order)).append(" FETCH FIRST ").append(topN)
                    .append(" ROWS ONLY");
            detail = "top-N pushed down: first " + topN + " rows per partition";
        } else {
            detail = grouped ? "whole aggregation per partition (GROUP BY holds a distribution key)" : "projection and filters";
        }
        double out = grouped ? groups(rows) : rows;
        double perPartitionOut = topN >= 0 ? Math.min(out, (double) topN * spread) : out;
        FragmentNode fragment = fragment(sql.toString(), params, detail, rowIdOrder, perPartitionOut);
        if (!needsFinal) {
            return new DistributedPlan(fragment, null, perPartitionOut, fragment.estimatedCost());
        }
        List<Integer> finalParams = new ArrayList<>();
        SqlRenderer fr = SqlRenderer.verbatim(finalParams);
        StringBuilder f = new StringBuilder("SELECT ");
        if (q.distinct()) {
            f.append("DISTINCT ");
        }
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < visible; i++) {
            cols.add("R.\"C" + i + "\" AS " + SqlNames.quote(list.items().get(i).resultName()));
        }
        f.append(String.join(", ", cols)).append(" FROM ").append(FinalStage.INPUT).append(" AS R");
        if (!finalOrder.isEmpty()) {
            f.append(" ORDER BY ").append(String.join(", ", finalOrder));
        }
        f.append(FinalSql.offsetFetch(q.select(), fr));
        double finalRows = topN >= 0 ? Math.min(out, topN) : out;
        String what = (q.distinct() ? "DISTINCT, " : "") + (finalOrder.isEmpty() ? "" : "merge ORDER BY, ")
                + (q.select().getFetch() != null || q.select().getOffset() != null ? "OFFSET/FETCH" : "");
        FinalStage stage = new FinalStage(f.toString(), finalParams, trimComma(what), finalRows);
        return new DistributedPlan(fragment, stage, finalRows, fragment.estimatedCost() + cost.work(perPartitionOut, 1));
    }

    /** Partial aggregates per partition, combined by the final stage. */
    private DistributedPlan partialAggregation(PartialAggregation partial) {
        List<Integer> params = new ArrayList<>();
        SqlRenderer r = SqlRenderer.verbatim(params);
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < q.groupBy().size(); i++) {
            outputs.add(r.render(q.groupBy().get(i)) + " AS \"G" + i + "\"");
        }
        for (int i = 0; i < partial.partials().size(); i++) {
            outputs.add(partial.partials().get(i).render(r) + " AS \"A" + i + "\"");
        }
        sql.append(outputs.isEmpty() ? "1" : String.join(", ", outputs)).append(fromAndWhere(r));
        List<String> groupBy = new ArrayList<>();
        for (Expression g : q.groupBy()) {
            groupBy.add(r.render(g));
        }
        groupBy.addAll(partial.extraGroupBy(r));
        if (!groupBy.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groupBy));
        }
        double groups = groups(rows);
        double partialRows = Math.min(rows, groups * spread);
        FragmentNode fragment = fragment(sql.toString(), params, "partial aggregation: " + partial.describe(),
                false, partialRows);
        Map<ColumnBinding, String> groupColumns = new LinkedHashMap<>();
        List<String> finalGroupBy = new ArrayList<>();
        for (int i = 0; i < q.groupBy().size(); i++) {
            groupColumns.put(q.binding((Column) q.groupBy().get(i)), "R.\"C" + i + "\"");
            finalGroupBy.add("R.\"C" + i + "\"");
        }
        SqlRenderer.Rewrite rewrite = new SqlRenderer.Rewrite() {
            @Override
            public String column(Column c) {
                ColumnBinding b = q.binding(c);
                if (b == null) {
                    return null;
                }
                String text = groupColumns.get(b);
                if (text == null) {
                    throw new PlannerFallback("column outside GROUP BY and aggregates");
                }
                return text;
            }

            @Override
            public String function(Function f, SqlRenderer renderer) {
                return partial.finalForm(f);
            }

            @Override
            public boolean replacesAggregates() {
                return true;
            }
        };
        double out = q.groupBy().isEmpty() ? 1 : groups;
        FinalStage stage = FinalSql.build(q, list, rewrite, null, finalGroupBy, "final aggregation of partials", out);
        return new DistributedPlan(fragment, stage, out, fragment.estimatedCost() + cost.work(partialRows, 1));
    }

    /** The needed columns of matching rows are gathered; the final stage computes everything else. */
    private DistributedPlan gatherRows() {
        List<Integer> params = new ArrayList<>();
        SqlRenderer r = SqlRenderer.verbatim(params);
        Map<ColumnBinding, String> columns = neededColumns(q, list);
        List<String> outputs = new ArrayList<>();
        Map<ColumnBinding, String> mapping = new LinkedHashMap<>();
        for (var e : columns.entrySet()) {
            outputs.add(e.getValue() + " AS \"C" + mapping.size() + "\"");
            mapping.put(e.getKey(), "R.\"C" + mapping.size() + "\"");
        }
        String sql = "SELECT " + (outputs.isEmpty() ? "1" : String.join(", ", outputs)) + fromAndWhere(r);
        FragmentNode fragment = fragment(sql, params, "projection and filters; rows gathered for the final stage",
                false, rows);
        List<String> groupBy = new ArrayList<>();
        SqlRenderer.Rewrite rewrite = c -> {
            ColumnBinding b = q.binding(c);
            return b == null ? null : mapping.get(b);
        };
        groupBy.addAll(renderGroupBy(q, rewrite));
        double out = q.groupBy().isEmpty() ? 1 : groups(rows);
        FinalStage stage = FinalSql.build(q, list, rewrite, null, groupBy, "aggregation over gathered rows", out);
        return new DistributedPlan(fragment, stage, out, fragment.estimatedCost() + cost.work(rows, 1));
    }

    /** GROUP BY terms rewritten for the final stage (they carry no parameters in any sane query). */
    static List<String> renderGroupBy(BoundQuery q, SqlRenderer.Rewrite rewrite) {
        List<Integer> params = new ArrayList<>();
        SqlRenderer gr = new SqlRenderer(rewrite, params);
        List<String> out = new ArrayList<>();
        for (Expression g : q.groupBy()) {
            out.add(gr.render(g));
        }
        if (!params.isEmpty()) {
            throw new PlannerFallback("parameter in GROUP BY");
        }
        return out;
    }

    /** Columns the final stage reads: those of the select list, GROUP BY, HAVING and ORDER BY. */
    static Map<ColumnBinding, String> neededColumns(BoundQuery q, SelectList list) {
        Map<ColumnBinding, String> out = new LinkedHashMap<>();
        List<Expression> roots = new ArrayList<>();
        for (SelectList.Item item : list.items()) {
            if (item.expanded() != null) {
                out.putIfAbsent(item.expanded(), columnText(q, item.expanded()));
            } else {
                roots.add(item.expression());
            }
        }
        roots.addAll(q.groupBy());
        if (q.select().getHaving() != null) {
            roots.add(q.select().getHaving());
        }
        q.orderBy().forEach(o -> roots.add(o.getExpression()));
        for (Expression e : roots) {
            for (Column c : ExpressionScan.of(e).columns) {
                ColumnBinding b = q.binding(c);
                if (b != null) {
                    out.putIfAbsent(b, columnText(q, b));
                }
            }
        }
        return out;
    }

    static String columnText(BoundQuery q, ColumnBinding b) {
        return SqlNames.quote(q.tables().get(b.table()).reference()) + "." + SqlNames.quote(b.column().name());
    }

    private boolean groupsLiveInOnePartition() {
        if (q.outerJoins()) {
            return false;
        }
        for (Expression g : q.groupBy()) {
            if (g instanceof Column c && q.binding(c) != null && QueryPlanner.isKey(q, q.binding(c))) {
                return true;
            }
        }
        return false;
    }

    private double groups(double input) {
        if (q.groupBy().isEmpty()) {
            return 1;
        }
        double g = 1;
        for (Expression e : q.groupBy()) {
            ColumnBinding b = e instanceof Column c ? q.binding(c) : null;
            g *= b == null ? 10 : cost.distinct(q.tables().get(b.table()).table(), b.column().name());
        }
        return Math.max(1, Math.min(input, g));
    }

    private FragmentNode fragment(String sql, List<Integer> params, String detail, boolean rowIdOrder, double out) {
        String tables = String.join(", ", q.tables().stream().map(t -> t.table().name()
                + (t.reference().equals(t.table().name()) ? "" : " " + t.reference())).toList());
        String kind = q.tables().size() > 1 ? "co-located join of " + tables : "scan " + tables;
        double c = cost.work(scannedRows, 1) / Math.max(1, spread) + cost.network(out);
        return new FragmentNode("F1", sql, params, partitions, kind + "; " + detail, rowIdOrder, out, c);
    }

    /** FROM (joins with their ON clauses as written) and WHERE, rendered in text order. */
    private String fromAndWhere(SqlRenderer r) {
        StringBuilder s = new StringBuilder(" FROM ").append(q.tables().get(0).item());
        for (int i = 0; i < q.joins().size(); i++) {
            Join j = q.joins().get(i);
            String keyword = j.isSimple() ? ", " : j.isCross() ? " CROSS JOIN " : j.isLeft() ? " LEFT OUTER JOIN "
                    : j.isRight() ? " RIGHT OUTER JOIN " : " INNER JOIN ";
            s.append(keyword).append(q.tables().get(i + 1).item());
            if (j.getOnExpressions() != null && !j.getOnExpressions().isEmpty()) {
                List<String> on = new ArrayList<>();
                for (Expression e : j.getOnExpressions()) {
                    on.add("(" + r.render(e) + ")");
                }
                s.append(" ON ").append(String.join(" AND ", on));
            }
        }
        if (q.select().getWhere() != null) {
            s.append(" WHERE ").append(r.render(q.select().getWhere()));
        }
        return s.toString();
    }

    static int spread(PartitionFilter f, int partitionCount) {
        if (f.referenceOnly()) {
            return 1;
        }
        int n = partitionCount;
        for (PartitionFilter.KeyConstraint c : f.constraints()) {
            n = Math.min(n, c.values().size());
        }
        return Math.max(1, n);
    }

    private static String trimComma(String s) {
        s = s.strip();
        return s.endsWith(",") ? s.substring(0, s.length() - 1) : s;
    }
}
