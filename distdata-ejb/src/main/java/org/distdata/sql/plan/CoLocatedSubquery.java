package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import org.distdata.catalog.Catalog;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.partition.KeyEncoder;
import org.distdata.sql.route.PartitionPruner;

import java.util.Optional;

/**
 * Recognizes a WHERE conjunct that is a semi- or anti-join a partition can evaluate alone:
 * {@code outer.key IN (SELECT inner.key FROM t ...)}, or {@code [NOT] EXISTS (SELECT ... FROM t
 * WHERE inner.key = outer.key AND ...)}, where both keys are distribution columns of the same
 * family, so every inner row that can match lives in the outer row's partition. {@code NOT IN}
 * is excluded: a NULL anywhere in the subquery changes every row's answer.
 */
final class CoLocatedSubquery {
    private CoLocatedSubquery() {
    }

    static boolean matches(Expression conjunct, BoundQuery q, Catalog catalog) {
        Expression e = conjunct;
        if (e instanceof NotExpression not && not.getExpression() instanceof ExistsExpression) {
            e = not.getExpression();
        }
        if (e instanceof InExpression in && !in.isNot() && in.getLeftExpression() instanceof Column outer
                && in.getRightExpression() instanceof Select sub) {
            ColumnBinding ob = q.binding(outer);
            PlainSelect inner = SemiJoin.plain(sub);
            if (ob == null || inner == null || !QueryPlanner.isKey(q, ob) || inner.getSelectItems().size() != 1) {
                return false;
            }
            Optional<TableDef> t = singleTable(inner, catalog);
            return t.isPresent() && inner.getSelectItems().get(0).getExpression() instanceof Column ic
                    && isKeyOf(ic, inner, t.get(), ob) && noNestedSubqueries(inner);
        }
        if (e instanceof ExistsExpression exists && exists.getRightExpression() instanceof Select sub) {
            PlainSelect inner = SemiJoin.plain(sub);
            Optional<TableDef> t = inner == null ? Optional.empty() : singleTable(inner, catalog);
            if (t.isEmpty() || !noNestedSubqueries(inner)) {
                return false;
            }
            for (Expression c : PartitionPruner.conjuncts(inner.getWhere())) {
                if (c instanceof EqualsTo eq && eq.getLeftExpression() instanceof Column a
                        && eq.getRightExpression() instanceof Column b) {
                    ColumnBinding ob = SemiJoin.outerColumn(b, inner, q);
                    if (ob != null && QueryPlanner.isKey(q, ob) && isKeyOf(a, inner, t.get(), ob)) {
                        return true;
                    }
                    ob = SemiJoin.outerColumn(a, inner, q);
                    if (ob != null && QueryPlanner.isKey(q, ob) && isKeyOf(b, inner, t.get(), ob)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Optional<TableDef> singleTable(PlainSelect inner, Catalog catalog) {
        return Optional.ofNullable(SemiJoin.table(inner, catalog)).filter(d -> d.isDistributed() && !d.hiddenRowId());
    }

    /** Whether {@code c} is the inner table's distribution column, hashed like the outer key. */
    private static boolean isKeyOf(Column c, PlainSelect inner, TableDef table, ColumnBinding outerKey) {
        if (c.getTable() != null && c.getTable().getName() != null
                && !SqlNames.normalize(c.getTable().getName()).equals(SemiJoin.reference(inner))) {
            return false;
        }
        String name = SqlNames.normalize(c.getColumnName());
        return name.equals(table.distributionColumn()) && table.column(name)
                .map(d -> KeyEncoder.family(d.jdbcType()) == KeyEncoder.family(outerKey.column().jdbcType()))
                .orElse(false);
    }

    /** Subqueries inside the subquery are left to the gateway (SemiJoin.plain rules out grouping and limits). */
    private static boolean noNestedSubqueries(PlainSelect inner) {
        return ExpressionScan.of(inner.getWhere()).subqueries.isEmpty()
                && inner.getSelectItems().stream().allMatch(i -> ExpressionScan.of(i.getExpression()).subqueries.isEmpty());
    }
}
