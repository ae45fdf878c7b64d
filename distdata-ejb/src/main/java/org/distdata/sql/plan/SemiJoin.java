package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import org.distdata.catalog.Catalog;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.partition.ColumnDef;
import org.distdata.sql.route.PartitionPruner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A WHERE conjunct that is a semi- or anti-join with a subquery over one table, run as a hash
 * join at the gateway when its rows are not co-located with the outer query's:
 * {@code outer.c [NOT] IN (SELECT t.k FROM t WHERE …)} (NOT IN with Derby's NULL rules) and
 * {@code [NOT] EXISTS (SELECT … FROM t WHERE t.k = outer.c AND …)}. The subquery's own
 * predicates must read only its table; its matching keys are gathered by one fragment.
 *
 * @param outerKeys  the outer query's columns compared with the subquery's
 * @param innerKeys  the subquery's columns, rendered as its fragment selects them
 * @param innerWhere the subquery's predicates that read only its table
 */
record SemiJoin(BoundQuery.Conjunct conjunct, JoinKind kind, TableDef table, Table item,
                List<ColumnBinding> outerKeys, List<String> innerKeys, List<Expression> innerWhere) {

    /** The semi-join {@code conjunct} expresses, or empty when it has another shape. */
    static Optional<SemiJoin> of(BoundQuery.Conjunct conjunct, BoundQuery q, Catalog catalog) {
        Expression e = conjunct.expression();
        boolean negated = false;
        if (e instanceof NotExpression not && not.getExpression() instanceof ExistsExpression) {
            e = not.getExpression();
            negated = true;
        }
        if (e instanceof InExpression in && in.getLeftExpression() instanceof Column outer
                && in.getRightExpression() instanceof Select sub && q.binding(outer) != null) {
            PlainSelect inner = plain(sub);
            TableDef t = inner == null ? null : table(inner, catalog);
            if (t == null || inner.getSelectItems().size() != 1
                    || !(inner.getSelectItems().get(0).getExpression() instanceof Column key)) {
                return Optional.empty();
            }
            Optional<ColumnDef> keyDef = innerColumn(key, inner, t);
            List<Expression> where = PartitionPruner.conjuncts(inner.getWhere());
            if (keyDef.isEmpty() || !where.stream().allMatch(w -> readsOnlyInner(w, inner, t))
                    || !comparable(q.binding(outer).column(), keyDef.get())) {
                return Optional.empty();
            }
            JoinKind kind = in.isNot() ? JoinKind.NULL_AWARE_ANTI : JoinKind.SEMI;
            return Optional.of(new SemiJoin(conjunct, kind, t, (Table) inner.getFromItem(), List.of(q.binding(outer)),
                    List.of(qualified(inner, t, keyDef.get())), where));
        }
        if (e instanceof ExistsExpression exists && exists.getRightExpression() instanceof Select sub) {
            PlainSelect inner = plain(sub);
            TableDef t = inner == null ? null : table(inner, catalog);
            if (t == null || inner.getSelectItems().stream()
                    .anyMatch(i -> !ExpressionScan.of(i.getExpression()).aggregates.isEmpty())) {
                return Optional.empty(); // EXISTS over an aggregate is true whatever matches
            }
            List<ColumnBinding> outerKeys = new ArrayList<>();
            List<String> innerKeys = new ArrayList<>();
            List<Expression> where = new ArrayList<>();
            for (Expression c : PartitionPruner.conjuncts(inner.getWhere())) {
                if (readsOnlyInner(c, inner, t)) {
                    where.add(c);
                    continue;
                }
                if (!(c instanceof EqualsTo eq && eq.getLeftExpression() instanceof Column a
                        && eq.getRightExpression() instanceof Column b)) {
                    return Optional.empty();
                }
                Optional<ColumnDef> ia = innerColumn(a, inner, t);
                Optional<ColumnDef> ib = innerColumn(b, inner, t);
                ColumnBinding ob = ia.isPresent() ? outerColumn(b, inner, q) : outerColumn(a, inner, q);
                Optional<ColumnDef> ic = ia.isPresent() ? ia : ib;
                if (ic.isEmpty() || ob == null || ia.isPresent() == ib.isPresent() || !comparable(ob.column(), ic.get())) {
                    return Optional.empty();
                }
                outerKeys.add(ob);
                innerKeys.add(qualified(inner, t, ic.get()));
            }
            if (outerKeys.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new SemiJoin(conjunct, negated ? JoinKind.ANTI : JoinKind.SEMI, t,
                    (Table) inner.getFromItem(), outerKeys, innerKeys, where));
        }
        return Optional.empty();
    }

    /** The subquery as a plain single-table SELECT without grouping or row limits, else null. */
    static PlainSelect plain(Select s) {
        Select body = s instanceof ParenthesedSelect p ? p.getSelect() : s;
        if (!(body instanceof PlainSelect ps) || ps.getJoins() != null || !(ps.getFromItem() instanceof Table)
                || ps.getGroupBy() != null || ps.getHaving() != null || ps.getFetch() != null
                || ps.getOffset() != null || ps.getLimit() != null || ps.getWithItemsList() != null) {
            return null;
        }
        return ps;
    }

    /** The catalog table a single-table subquery reads (APP schema only), or null. */
    static TableDef table(PlainSelect inner, Catalog catalog) {
        Table t = (Table) inner.getFromItem();
        if (t.getSchemaName() != null && !SqlNames.normalize(t.getSchemaName()).equals("APP")) {
            return null;
        }
        return catalog.find(SqlNames.normalize(t.getName())).orElse(null);
    }

    /** The name the subquery's own table goes by inside it: its alias, else its name. */
    static String reference(PlainSelect inner) {
        Table item = (Table) inner.getFromItem();
        return SqlNames.normalize(item.getAlias() != null ? item.getAlias().getName() : item.getName());
    }

    /** The subquery table's column {@code c} names (qualified by it, or unqualified), if any. */
    private static Optional<ColumnDef> innerColumn(Column c, PlainSelect inner, TableDef t) {
        if (c.getTable() != null && c.getTable().getName() != null
                && !SqlNames.normalize(c.getTable().getName()).equals(reference(inner))) {
            return Optional.empty();
        }
        return t.column(SqlNames.normalize(c.getColumnName()));
    }

    /** The outer column {@code c} names: qualified by an outer table's reference other than the subquery's. */
    static ColumnBinding outerColumn(Column c, PlainSelect inner, BoundQuery q) {
        if (c.getTable() == null || c.getTable().getName() == null) {
            return null;
        }
        String ref = SqlNames.normalize(c.getTable().getName());
        if (ref.equals(reference(inner))) {
            return null; // the subquery's own table hides an outer one of the same name
        }
        for (BoundTable bt : q.tables()) {
            if (bt.reference().equals(ref)) {
                return bt.table().column(SqlNames.normalize(c.getColumnName()))
                        .map(d -> new ColumnBinding(bt.index(), d)).orElse(null);
            }
        }
        return null;
    }

    /** Whether every column of {@code e} is the subquery table's and {@code e} has no subquery. */
    private static boolean readsOnlyInner(Expression e, PlainSelect inner, TableDef t) {
        ExpressionScan scan = ExpressionScan.of(e);
        if (!scan.subqueries.isEmpty() || !scan.aggregates.isEmpty()) {
            return false;
        }
        for (Column c : scan.columns) {
            if (innerColumn(c, inner, t).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String qualified(PlainSelect inner, TableDef t, ColumnDef c) {
        return SqlNames.quote(reference(inner)) + "." + SqlNames.quote(c.name());
    }

    private static boolean comparable(ColumnDef a, ColumnDef b) {
        return JoinPlanner.comparable(a, b);
    }
}
