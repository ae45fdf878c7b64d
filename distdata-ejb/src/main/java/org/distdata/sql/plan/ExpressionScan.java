package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one expression contains, without descending into subqueries: its column references,
 * its aggregate calls (and whether any is DISTINCT), its subqueries, and whether it uses
 * window functions, which the planner leaves to the gateway.
 */
final class ExpressionScan extends ExpressionVisitorAdapter<Void> {
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");
    private static final Set<String> OTHER_AGGREGATES = Set.of("VAR_POP", "VAR_SAMP", "STDDEV_POP", "STDDEV_SAMP",
            "EVERY", "ANY", "SOME");

    final List<Column> columns = new ArrayList<>();
    final List<Function> aggregates = new ArrayList<>();
    final List<Select> subqueries = new ArrayList<>();
    boolean windowFunctions;
    boolean unknownAggregates;
    private int aggregateDepth;

    static ExpressionScan of(Expression e) {
        ExpressionScan scan = new ExpressionScan();
        if (e != null) {
            e.accept(scan, null);
        }
        return scan;
    }

    /** Columns referenced outside any aggregate call. */
    final List<Column> columnsOutsideAggregates = new ArrayList<>();

    @Override
    public <S> Void visit(Column column, S context) {
        columns.add(column);
        if (aggregateDepth == 0) {
            columnsOutsideAggregates.add(column);
        }
        return null;
    }

    @Override
    public <S> Void visit(Function function, S context) {
        String name = function.getName() == null ? "" : function.getName().toUpperCase(Locale.ROOT);
        boolean aggregate = AGGREGATES.contains(name);
        if (OTHER_AGGREGATES.contains(name)) {
            unknownAggregates = true;
        }
        if (aggregate) {
            aggregates.add(function);
            aggregateDepth++;
        }
        super.visit(function, context);
        if (aggregate) {
            aggregateDepth--;
        }
        return null;
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.TrimFunction trim, S context) {
        if (trim.getExpression() != null) {
            trim.getExpression().accept(this, context);
        }
        if (trim.getFromExpression() != null) {
            trim.getFromExpression().accept(this, context);
        }
        return null;
    }

    @Override
    public <S> Void visit(AnalyticExpression expression, S context) {
        windowFunctions = true;
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        subqueries.add(select);
        return null;
    }

    @Override
    public <S> Void visit(Select select, S context) {
        subqueries.add(select);
        return null;
    }
}
