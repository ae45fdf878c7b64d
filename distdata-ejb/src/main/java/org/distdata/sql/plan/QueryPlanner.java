package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import org.distdata.catalog.Catalog;
import org.distdata.catalog.entity.TableDef;
import org.distdata.partition.KeyEncoder;
import org.distdata.sql.classify.ClassifiedStatement;
import org.distdata.sql.stats.StatisticsSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The cost-based distributed planner: binds a SELECT against the catalog and turns it into a
 * {@link DistributedPlan}. When every distributed table of the query is co-located (joined on
 * distribution keys, or alone), the whole FROM/WHERE runs as one fragment per partition, with
 * pruning, top-N and partial or complete aggregation pushed into it ({@link SingleFragmentPlanner}).
 * Otherwise inner equi-joins are ordered and given a strategy by cost ({@link JoinPlanner}).
 * Anything else throws {@link PlannerFallback}: the gateway runs it as written.
 */
public final class QueryPlanner {
    private final Catalog catalog;
    private final StatisticsSource statistics;
    private final int partitions;

    public QueryPlanner(Catalog catalog, StatisticsSource statistics, int partitions) {
        this.catalog = catalog;
        this.statistics = statistics;
        this.partitions = partitions;
    }

    /** Plans {@code statement}; throws {@link PlannerFallback} for shapes the gateway must run. */
    public DistributedPlan plan(ClassifiedStatement statement) {
        if (!(statement.ast() instanceof PlainSelect)) {
            throw new PlannerFallback(statement.ast() == null ? "not parsed" : "set operation or VALUES");
        }
        PlainSelect select = privateCopy(statement);
        BoundQuery q = new Binder(catalog).bind(select);
        CostModel cost = new CostModel(statistics, partitions);
        if (q.tables().stream().noneMatch(t -> t.table().isDistributed())) {
            throw new PlannerFallback("reference tables only");
        }
        if (!q.select().getSelectItems().isEmpty() && q.orderBy().isEmpty() && !q.aggregated() && !q.distinct()
                && q.tables().size() > 1 && q.tables().stream().anyMatch(t -> t.table().hiddenRowId())) {
            throw new PlannerFallback("unordered join of tables without a primary key (row order kept by the gateway)");
        }
        if (coLocated(q)) {
            return new SingleFragmentPlanner(q, cost).plan();
        }
        if (q.outerJoins()) {
            throw new PlannerFallback("outer join between tables that are not co-located");
        }
        List<SemiJoin> semiJoins = new ArrayList<>();
        for (BoundQuery.Conjunct c : q.filters()) {
            // Across fragments every subquery must be a semi-join: one over reference tables could
            // be correlated with a table another fragment holds.
            if (c.hasSubquery()) {
                semiJoins.add(SemiJoin.of(c, q, catalog).orElseThrow(() ->
                        new PlannerFallback("subquery that is neither co-located nor a plain IN/EXISTS on one table")));
            }
        }
        if (!semiJoins.isEmpty() && q.orderBy().isEmpty() && !q.aggregated() && !q.distinct()
                && q.tables().stream().anyMatch(t -> t.table().hiddenRowId())) {
            throw new PlannerFallback("unordered rows of a table without a primary key (row order kept by the gateway)");
        }
        return new JoinPlanner(q, cost, semiJoins).plan();
    }

    /**
     * A tree of the statement of its own: parsed statements are cached and shared between
     * threads, and planning renames columns in the tree it renders (see {@link SqlRenderer}).
     */
    private static PlainSelect privateCopy(ClassifiedStatement statement) {
        net.sf.jsqlparser.statement.Statement fresh;
        try {
            fresh = net.sf.jsqlparser.parser.CCJSqlParserUtil.parse(statement.sql());
        } catch (net.sf.jsqlparser.JSQLParserException | RuntimeException e) {
            throw new PlannerFallback("statement not re-parsable");
        }
        if (fresh instanceof net.sf.jsqlparser.statement.insert.Insert insert) {
            fresh = insert.getSelect();
        }
        if (!(fresh instanceof PlainSelect select)) {
            throw new PlannerFallback("set operation or VALUES");
        }
        return select;
    }

    /**
     * Whether one fragment per partition computes every joined row: all distributed FROM
     * tables are linked by equalities between their distribution columns (ON clauses of outer
     * joins count: unmatched rows are null-extended where they live), and every subquery in
     * WHERE reads reference tables only or is an IN/EXISTS correlated on distribution keys.
     */
    private boolean coLocated(BoundQuery q) {
        List<BoundTable> tables = q.tables();
        int[] parent = new int[tables.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<Expression> equalities = new ArrayList<>();
        q.filters().forEach(c -> equalities.add(c.expression()));
        for (Join j : q.joins()) {
            if ((j.isLeft() || j.isRight()) && j.getOnExpressions() != null) {
                for (Expression on : j.getOnExpressions()) {
                    equalities.addAll(org.distdata.sql.route.PartitionPruner.conjuncts(on));
                }
            }
        }
        for (Expression e : equalities) {
            if (e instanceof EqualsTo eq && eq.getLeftExpression() instanceof Column l
                    && eq.getRightExpression() instanceof Column r) {
                ColumnBinding a = q.binding(l);
                ColumnBinding b = q.binding(r);
                if (a != null && b != null && isKey(q, a) && isKey(q, b) && sameKeyFamily(q, a, b)) {
                    parent[find(parent, a.table())] = find(parent, b.table());
                }
            }
        }
        for (int i = 0; i < q.joins().size(); i++) {
            Join j = q.joins().get(i);
            if (j.isLeft() || j.isRight()) {
                boolean before = tables.subList(0, i + 1).stream().anyMatch(t -> t.table().isDistributed());
                boolean after = tables.get(i + 1).table().isDistributed();
                // a preserved side of reference tables only is on every partition: each would
                // null-extend its unmatched rows again
                if (j.isLeft() ? !before && after : !after && before) {
                    return false;
                }
            }
        }
        int root = -1;
        for (BoundTable t : tables) {
            if (t.table().isDistributed()) {
                int r = find(parent, t.index());
                if (root >= 0 && r != root) {
                    return false;
                }
                root = r;
            }
        }
        for (BoundQuery.Conjunct c : q.filters()) {
            if (c.hasSubquery() && !referenceOnlySubqueries(c.expression())
                    && !CoLocatedSubquery.matches(c.expression(), q, catalog)) {
                return false;
            }
        }
        return true;
    }

    private boolean referenceOnlySubqueries(Expression e) {
        for (var sub : ExpressionScan.of(e).subqueries) {
            var names = new net.sf.jsqlparser.util.TablesNamesFinder<>().getTables((net.sf.jsqlparser.statement.Statement) sub);
            for (String name : names) {
                var def = catalog.find(org.distdata.catalog.SqlNames.normalize(name.contains(".")
                        ? name.substring(name.lastIndexOf('.') + 1) : name));
                if (def.isEmpty() || def.get().isDistributed()) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isKey(BoundQuery q, ColumnBinding b) {
        TableDef t = q.tables().get(b.table()).table();
        return t.isDistributed() && !t.hiddenRowId() && t.distributionColumn().equals(b.column().name());
    }

    static boolean sameKeyFamily(BoundQuery q, ColumnBinding a, ColumnBinding b) {
        return KeyEncoder.family(a.column().jdbcType()) == KeyEncoder.family(b.column().jdbcType());
    }

    static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Key constraints ({@code key = value}, {@code key IN (values)}) among top-level conjuncts
     * of WHERE and inner ON clauses, for the distributed tables in {@code tables}.
     */
    static PartitionFilter partitionFilter(BoundQuery q, BitSet tables, int partitionCount) {
        boolean referenceOnly = tables.stream().noneMatch(i -> q.tables().get(i).table().isDistributed());
        List<PartitionFilter.KeyConstraint> constraints = new ArrayList<>();
        for (BoundQuery.Conjunct c : q.filters()) {
            Expression e = c.expression();
            if (e instanceof EqualsTo eq) {
                addConstraint(q, tables, eq.getLeftExpression(), List.of(eq.getRightExpression()), constraints);
                addConstraint(q, tables, eq.getRightExpression(), List.of(eq.getLeftExpression()), constraints);
            } else if (e instanceof InExpression in && !in.isNot() && !in.isGlobal()
                    && in.getRightExpression() instanceof ExpressionList<?> list) {
                List<Expression> values = new ArrayList<>();
                list.forEach(v -> values.add((Expression) v));
                addConstraint(q, tables, in.getLeftExpression(), values, constraints);
            }
        }
        return new PartitionFilter(partitionCount, referenceOnly, constraints);
    }

    private static void addConstraint(BoundQuery q, BitSet tables, Expression keySide, List<Expression> values,
                                      List<PartitionFilter.KeyConstraint> out) {
        if (!(keySide instanceof Column c)) {
            return;
        }
        ColumnBinding b = q.binding(c);
        if (b == null || !tables.get(b.table()) || !isKey(q, b)) {
            return;
        }
        for (Expression v : values) {
            if (!(v instanceof JdbcParameter) && !isLiteral(v)) {
                return;
            }
        }
        out.add(new PartitionFilter.KeyConstraint(q.tables().get(b.table()).reference(), b.column(), values));
    }

    private static boolean isLiteral(Expression v) {
        return v instanceof LongValue || v instanceof net.sf.jsqlparser.expression.StringValue
                || v instanceof net.sf.jsqlparser.expression.DoubleValue
                || v instanceof net.sf.jsqlparser.expression.NullValue
                || v instanceof net.sf.jsqlparser.expression.SignedExpression;
    }
}
