package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import org.distdata.partition.ColumnDef;
import org.distdata.partition.KeyEncoder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders the inner equi-joins of a query whose tables are not all co-located and picks each
 * join's strategy by cost. Dynamic programming over table subsets finds the cheapest tree for
 * up to {@value #DP_LIMIT} tables; beyond that a greedy pass joins the cheapest pair first.
 * Subtrees whose joins are co-located stay one fragment per partition; the others become
 * {@link JoinNode}s with a broadcast or repartition exchange, whatever moves fewer rows.
 */
final class JoinPlanner {
    static final int DP_LIMIT = 6;

    private final BoundQuery q;
    private final CostModel cost;
    private final int n;
    private final List<Edge> edges = new ArrayList<>();
    private final List<BoundQuery.Conjunct> others = new ArrayList<>();
    /** The query's conjuncts other than the semi-joins, which the gateway evaluates over every partition. */
    private final List<BoundQuery.Conjunct> fragmentable = new ArrayList<>();
    private final List<SemiJoin> semiJoins;
    private int fragments;
    private int joins;

    /** An equality between columns of two different tables. */
    private record Edge(BoundQuery.Conjunct conjunct, ColumnBinding a, ColumnBinding b) {
    }

    /** A planned subset of the tables. {@code fragment}: still one SQL fragment per partition. */
    private record Sub(long mask, double rows, double cost, boolean fragment, boolean replicated, Sub left,
                       Sub right, JoinStrategy strategy) {
    }

    JoinPlanner(BoundQuery q, CostModel cost, List<SemiJoin> semiJoins) {
        this.q = q;
        this.cost = cost;
        this.n = q.tables().size();
        this.semiJoins = semiJoins;
        for (BoundQuery.Conjunct c : q.filters()) {
            if (semiJoins.stream().anyMatch(s -> s.conjunct() == c)) {
                continue;
            }
            fragmentable.add(c);
            if (c.expression() instanceof EqualsTo eq && eq.getLeftExpression() instanceof Column l
                    && eq.getRightExpression() instanceof Column r && q.binding(l) != null && q.binding(r) != null
                    && q.binding(l).table() != q.binding(r).table()) {
                ColumnBinding a = q.binding(l);
                ColumnBinding b = q.binding(r);
                if (!comparable(a.column(), b.column())) {
                    throw new PlannerFallback("join on columns of different type families");
                }
                edges.add(new Edge(c, a, b));
            } else {
                others.add(c);
            }
        }
    }

    DistributedPlan plan() {
        Sub best = n <= DP_LIMIT ? dynamicProgramming() : greedy();
        Map<ColumnBinding, Integer> needed = new LinkedHashMap<>();
        SelectList list = new SelectList(q);
        for (ColumnBinding b : SingleFragmentPlanner.neededColumns(q, list).keySet()) {
            needed.put(b, 0);
        }
        List<Expression> residual = new ArrayList<>();
        for (BoundQuery.Conjunct c : others) {
            if (!c.tables().isEmpty() && fragmentHolding(best, mask(c.tables())) == null) {
                residual.add(c.expression());
                for (Column col : ExpressionScan.of(c.expression()).columns) {
                    if (q.binding(col) != null) {
                        needed.put(q.binding(col), 0);
                    }
                }
            }
        }
        for (SemiJoin s : semiJoins) {
            s.outerKeys().forEach(b -> needed.put(b, 0));
        }
        List<ColumnBinding> outputs = new ArrayList<>();
        PlanNode root = build(best, needed, outputs);
        double rows = best.rows();
        double below = best.cost();
        for (SemiJoin s : semiJoins) {
            root = semiJoin(root, s, outputs, rows, below);
            rows = root.estimatedRows();
            below = root.estimatedCost();
        }
        Map<ColumnBinding, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            mapping.put(outputs.get(i), "R.\"C" + i + "\"");
        }
        SqlRenderer.Rewrite rewrite = c -> {
            ColumnBinding b = q.binding(c);
            return b == null ? null : mapping.get(b);
        };
        double out = q.aggregated() ? (q.groupBy().isEmpty() ? 1 : Math.max(1, rows / 10)) : rows;
        FinalStage stage = FinalSql.build(q, list, rewrite, residual, SingleFragmentPlanner.renderGroupBy(q, rewrite),
                (residual.isEmpty() ? "" : "residual predicates, ") + (q.aggregated() ? "aggregation, " : "")
                        + "projection" + (q.orderBy().isEmpty() ? "" : ", ORDER BY"), out);
        double total = below + cost.network(rows) + cost.work(rows, 1);
        return new DistributedPlan(root, stage, out, total);
    }

    private Sub dynamicProgramming() {
        int full = (1 << n) - 1;
        Sub[] best = new Sub[full + 1];
        for (int i = 0; i < n; i++) {
            best[1 << i] = base(i);
        }
        for (int mask = 1; mask <= full; mask++) {
            if (Integer.bitCount(mask) < 2) {
                continue;
            }
            for (boolean allowCross : new boolean[] {false, true}) {
                for (int s = (mask - 1) & mask; s > 0; s = (s - 1) & mask) {
                    int rest = mask ^ s;
                    if (s > rest || best[s] == null || best[rest] == null) {
                        continue;
                    }
                    if (!allowCross && connecting(s, rest).isEmpty()) {
                        continue;
                    }
                    Sub candidate = join(best[s], best[rest]);
                    if (best[mask] == null || candidate.cost() < best[mask].cost()) {
                        best[mask] = candidate;
                    }
                }
                if (best[mask] != null) {
                    break;
                }
            }
        }
        return best[full];
    }

    private Sub greedy() {
        List<Sub> subs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            subs.add(base(i));
        }
        while (subs.size() > 1) {
            Sub bestJoin = null;
            int bi = -1;
            int bj = -1;
            for (boolean allowCross : new boolean[] {false, true}) {
                for (int i = 0; i < subs.size(); i++) {
                    for (int j = i + 1; j < subs.size(); j++) {
                        if (!allowCross && connecting(subs.get(i).mask(), subs.get(j).mask()).isEmpty()) {
                            continue;
                        }
                        Sub c = join(subs.get(i), subs.get(j));
                        if (bestJoin == null || c.cost() < bestJoin.cost()) {
                            bestJoin = c;
                            bi = i;
                            bj = j;
                        }
                    }
                }
                if (bestJoin != null) {
                    break;
                }
            }
            subs.remove(bj);
            subs.remove(bi);
            subs.add(bestJoin);
        }
        return subs.get(0);
    }

    private Sub base(int i) {
        BoundTable t = q.tables().get(i);
        double rows = cost.rows(t.table());
        double scanned = rows;
        for (BoundQuery.Conjunct c : others) {
            if (c.tables().cardinality() == 1 && c.tables().get(i)) {
                rows *= cost.selectivity(c.expression(), q);
            }
        }
        boolean replicated = !t.table().isDistributed();
        return new Sub(1L << i, Math.max(1, rows), cost.work(scanned, replicated ? 1 : cost.partitions()), true,
                replicated, null, null, null);
    }

    /** The cheapest way to join two planned subsets. */
    private Sub join(Sub a, Sub b) {
        List<Edge> on = connecting(a.mask(), b.mask());
        double rows = a.rows() * b.rows();
        for (Edge e : on) {
            rows /= Math.max(distinct(e.a()), distinct(e.b()));
        }
        rows = Math.max(1, rows);
        double below = a.cost() + b.cost();
        long mask = a.mask() | b.mask();
        int p = cost.partitions();
        if (a.fragment() && b.fragment() && (a.replicated() || b.replicated() || keyEdge(on))) {
            return new Sub(mask, rows, below + cost.work(a.rows() + b.rows(), p), true,
                    a.replicated() && b.replicated(), a, b, JoinStrategy.CO_LOCATED);
        }
        double small = Math.min(a.rows(), b.rows());
        double large = Math.max(a.rows(), b.rows());
        double broadcast = cost.network(small * p) + cost.work(large / p + small, 1);
        double repartition = cost.network(a.rows() + b.rows()) + cost.work((a.rows() + b.rows()) / p, 1);
        boolean useBroadcast = broadcast <= repartition || on.isEmpty();
        return new Sub(mask, rows, below + Math.min(broadcast, repartition), false, false, a, b,
                useBroadcast ? JoinStrategy.BROADCAST : JoinStrategy.REPARTITION);
    }

    private boolean keyEdge(List<Edge> on) {
        for (Edge e : on) {
            if (QueryPlanner.isKey(q, e.a()) && QueryPlanner.isKey(q, e.b()) && QueryPlanner.sameKeyFamily(q, e.a(), e.b())) {
                return true;
            }
        }
        return false;
    }

    private List<Edge> connecting(long left, long right) {
        List<Edge> out = new ArrayList<>();
        for (Edge e : edges) {
            long a = 1L << e.a().table();
            long b = 1L << e.b().table();
            if ((left & a) != 0 && (right & b) != 0 || (left & b) != 0 && (right & a) != 0) {
                out.add(e);
            }
        }
        return out;
    }

    private double distinct(ColumnBinding b) {
        return cost.distinct(q.tables().get(b.table()).table(), b.column().name());
    }

    /** Whether values of the two columns can be compared for equality (Derby would not reject it). */
    static boolean comparable(ColumnDef a, ColumnDef b) {
        KeyEncoder.Family fa = KeyEncoder.family(a.jdbcType());
        KeyEncoder.Family fb = KeyEncoder.family(b.jdbcType());
        return fa == fb || numeric(fa) && numeric(fb)
                || (fa == KeyEncoder.Family.TEXT || fa == KeyEncoder.Family.FIXED_TEXT)
                && (fb == KeyEncoder.Family.TEXT || fb == KeyEncoder.Family.FIXED_TEXT);
    }

    private static boolean numeric(KeyEncoder.Family f) {
        return f == KeyEncoder.Family.INTEGER || f == KeyEncoder.Family.DECIMAL || f == KeyEncoder.Family.FLOAT;
    }

    private static long mask(BitSet tables) {
        long m = 0;
        for (int i = tables.nextSetBit(0); i >= 0; i = tables.nextSetBit(i + 1)) {
            m |= 1L << i;
        }
        return m;
    }

    /** The fragment subtree of {@code s} that holds all of {@code mask}, or null. */
    private static Sub fragmentHolding(Sub s, long mask) {
        if ((s.mask() & mask) != mask) {
            return null;
        }
        if (s.fragment()) {
            return s;
        }
        Sub l = fragmentHolding(s.left(), mask);
        return l != null ? l : fragmentHolding(s.right(), mask);
    }

    /** Builds the plan node of {@code s}; {@code outputs} receives the columns of its rows, in order. */
    private PlanNode build(Sub s, Map<ColumnBinding, Integer> needed, List<ColumnBinding> outputs) {
        if (s.fragment()) {
            return fragment(s, needed, outputs);
        }
        boolean leftBuilds = s.left().rows() < s.right().rows();
        Sub probeSub = leftBuilds ? s.right() : s.left();
        Sub buildSub = leftBuilds ? s.left() : s.right();
        List<Edge> on = connecting(probeSub.mask(), buildSub.mask());
        if (on.isEmpty()) {
            throw new PlannerFallback("cross product between tables that are not co-located");
        }
        for (Edge e : on) {
            needed.put(e.a(), 0);
            needed.put(e.b(), 0);
        }
        List<ColumnBinding> probeOut = new ArrayList<>();
        List<ColumnBinding> buildOut = new ArrayList<>();
        PlanNode probe = build(probeSub, needed, probeOut);
        PlanNode build = build(buildSub, needed, buildOut);
        int[] probeKeys = new int[on.size()];
        int[] buildKeys = new int[on.size()];
        List<String> condition = new ArrayList<>();
        for (int i = 0; i < on.size(); i++) {
            Edge e = on.get(i);
            boolean aInProbe = (probeSub.mask() & (1L << e.a().table())) != 0;
            probeKeys[i] = probeOut.indexOf(aInProbe ? e.a() : e.b());
            buildKeys[i] = buildOut.indexOf(aInProbe ? e.b() : e.a());
            condition.add(e.conjunct().expression().toString());
        }
        outputs.addAll(probeOut);
        outputs.addAll(buildOut);
        return new JoinNode("J" + (++joins), JoinKind.INNER, probe, build, s.strategy(), probeKeys, buildKeys,
                condition.isEmpty() ? "(cross product)" : String.join(" AND ", condition), s.rows(), s.cost());
    }

    /**
     * Applies an IN/EXISTS subquery to {@code input} as a semi- or anti-join: one fragment
     * gathers the subquery's keys (NULLs included: NOT IN needs them), which are broadcast to
     * every part of the input, or both are repartitioned when the keys outnumber the input.
     */
    private PlanNode semiJoin(PlanNode input, SemiJoin s, List<ColumnBinding> outputs, double rows, double below) {
        List<Integer> params = new ArrayList<>();
        SqlRenderer r = SqlRenderer.verbatim(params);
        List<String> select = new ArrayList<>();
        for (int i = 0; i < s.innerKeys().size(); i++) {
            select.add(s.innerKeys().get(i) + " AS \"C" + i + "\"");
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select)).append(" FROM ")
                .append(s.item());
        if (!s.innerWhere().isEmpty()) {
            List<String> where = new ArrayList<>();
            for (Expression e : s.innerWhere()) {
                where.add("(" + r.render(e) + ")");
            }
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        double keys = cost.rows(s.table());
        PartitionFilter everywhere = new PartitionFilter(cost.partitions(), !s.table().isDistributed(), List.of());
        FragmentNode inner = new FragmentNode("F" + (++fragments), sql.toString(), params, everywhere,
                "subquery keys of " + s.table().name(), false, keys, cost.work(keys, cost.partitions()) + cost.network(keys));
        int p = cost.partitions();
        double broadcast = cost.network(keys * p);
        double repartition = cost.network(keys + rows);
        JoinStrategy strategy = broadcast <= repartition ? JoinStrategy.BROADCAST : JoinStrategy.REPARTITION;
        int[] probeKeys = new int[s.outerKeys().size()];
        int[] buildKeys = new int[probeKeys.length];
        for (int i = 0; i < probeKeys.length; i++) {
            probeKeys[i] = outputs.indexOf(s.outerKeys().get(i));
            buildKeys[i] = i;
        }
        double out = Math.max(1, rows / 2);
        return new JoinNode("J" + (++joins), s.kind(), input, inner, strategy, probeKeys, buildKeys,
                s.conjunct().expression().toString(), out, below + inner.estimatedCost() + Math.min(broadcast, repartition)
                        + cost.work(rows, p));
    }

    private FragmentNode fragment(Sub s, Map<ColumnBinding, Integer> needed, List<ColumnBinding> outputs) {
        BitSet tables = BitSet.valueOf(new long[] {s.mask()});
        List<Integer> params = new ArrayList<>();
        SqlRenderer r = SqlRenderer.verbatim(params);
        List<String> select = new ArrayList<>();
        for (ColumnBinding b : needed.keySet()) {
            if (tables.get(b.table())) {
                select.add(SingleFragmentPlanner.columnText(q, b) + " AS \"C" + outputs.size() + "\"");
                outputs.add(b);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(select.isEmpty() ? "1" : String.join(", ", select));
        List<String> from = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = tables.nextSetBit(0); i >= 0; i = tables.nextSetBit(i + 1)) {
            from.add(q.tables().get(i).item().toString());
            names.add(q.tables().get(i).table().name());
        }
        sql.append(" FROM ").append(String.join(", ", from));
        List<String> where = new ArrayList<>();
        for (BoundQuery.Conjunct c : fragmentable) {
            BitSet t = (BitSet) c.tables().clone();
            t.andNot(tables);
            if (t.isEmpty()) {
                where.add("(" + r.render(c.expression()) + ")");
            }
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        PartitionFilter partitions = QueryPlanner.partitionFilter(q, tables, cost.partitions());
        String kind = tables.cardinality() > 1 ? "co-located join of " + String.join(", ", names) : "scan " + names.get(0);
        return new FragmentNode("F" + (++fragments), sql.toString(), params, partitions, kind, false, s.rows(),
                s.cost() + cost.network(s.rows()));
    }
}
