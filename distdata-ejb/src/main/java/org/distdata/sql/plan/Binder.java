package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.distdata.catalog.Catalog;
import org.distdata.catalog.SqlNames;
import org.distdata.catalog.entity.TableDef;
import org.distdata.error.DistDataException;
import org.distdata.error.ErrorCode;
import org.distdata.partition.ColumnDef;
import org.distdata.sql.route.PartitionPruner;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a SELECT's names against the catalog: each FROM item to a table, each column
 * reference to one column of one of them. Unknown or ambiguous names are the client's
 * mistake and fail with SQL_SEMANTIC, worded as Derby words them; shapes the planner does
 * not handle (views, derived tables, NATURAL/USING/FULL joins, window functions) throw
 * {@link PlannerFallback} and run in the gateway instead.
 */
final class Binder {
    /** Names JSqlParser reads as columns but Derby treats as special registers or literals. */
    private static final Set<String> SPECIAL_NAMES = Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "CURRENT_USER", "USER", "SESSION_USER", "CURRENT_ROLE", "CURRENT_SCHEMA", "TRUE", "FALSE", "NULL",
            "CURRENT_ISOLATION");

    private final Catalog catalog;

    Binder(Catalog catalog) {
        this.catalog = catalog;
    }

    BoundQuery bind(PlainSelect select) {
        if (select.getWithItemsList() != null || select.getIntoTables() != null || select.getWindowDefinitions() != null
                || select.getTop() != null || select.getFirst() != null || select.getSkip() != null
                || select.getLimit() != null || select.getQualify() != null
                || select.getForMode() != null || select.getForClause() != null || select.getLateralViews() != null) {
            throw new PlannerFallback("clause outside the planner");
        }
        List<BoundTable> tables = new ArrayList<>();
        tables.add(table(select.getFromItem(), 0));
        List<Join> joins = select.getJoins() == null ? List.of() : select.getJoins();
        boolean outer = false;
        for (Join j : joins) {
            if (j.isNatural() || j.isFull() || j.isApply() || j.isSemi() || j.isStraight() || j.isWindowJoin()
                    || (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty())
                    || (j.isOuter() && !j.isLeft() && !j.isRight())) {
                throw new PlannerFallback("NATURAL, USING, FULL or unusual join");
            }
            outer |= j.isLeft() || j.isRight();
            tables.add(table(j.getRightItem(), tables.size()));
        }
        Set<String> references = new HashSet<>();
        for (BoundTable t : tables) {
            if (!references.add(t.reference())) {
                throw new PlannerFallback("the same name refers to two FROM items");
            }
        }
        Map<Column, ColumnBinding> bindings = new IdentityHashMap<>();
        Set<String> aliases = selectAliases(select);
        List<BoundQuery.Conjunct> filters = new ArrayList<>();
        List<Select> subqueries = new ArrayList<>();
        List<Function> aggregates = new ArrayList<>();

        for (SelectItem<?> item : select.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns && !(e instanceof AllTableColumns)) {
                continue;
            }
            if (e instanceof AllTableColumns atc) {
                tableNamed(atc.getTable(), tables);
                continue;
            }
            ExpressionScan scan = scan(e, tables, bindings, Set.of(), false);
            aggregates.addAll(scan.aggregates);
        }
        for (BoundQuery.Conjunct c : conjuncts(select.getWhere(), tables, bindings, subqueries)) {
            filters.add(c);
        }
        for (Join j : joins) {
            if (j.getOnExpressions() == null) {
                continue;
            }
            for (Expression on : j.getOnExpressions()) {
                List<BoundQuery.Conjunct> parts = conjuncts(on, tables, bindings, subqueries);
                if (!j.isLeft() && !j.isRight()) {
                    filters.addAll(parts);
                } else if (parts.stream().anyMatch(BoundQuery.Conjunct::hasSubquery)) {
                    throw new PlannerFallback("subquery in an outer join's ON clause");
                }
            }
        }
        List<Expression> groupBy = new ArrayList<>();
        if (select.getGroupBy() != null) {
            if (select.getGroupBy().getGroupingSets() != null && !select.getGroupBy().getGroupingSets().isEmpty()) {
                throw new PlannerFallback("grouping sets");
            }
            for (Object o : select.getGroupBy().getGroupByExpressionList()) {
                Expression e = (Expression) o;
                ExpressionScan scan = scan(e, tables, bindings, Set.of(), false);
                if (!scan.aggregates.isEmpty()) {
                    throw new PlannerFallback("aggregate in GROUP BY");
                }
                groupBy.add(e);
            }
        }
        if (select.getHaving() != null) {
            aggregates.addAll(scan(select.getHaving(), tables, bindings, aliases, false).aggregates);
        }
        List<OrderByElement> orderBy = select.getOrderByElements() == null ? List.of() : select.getOrderByElements();
        for (OrderByElement o : orderBy) {
            aggregates.addAll(scan(o.getExpression(), tables, bindings, aliases, false).aggregates);
        }
        return new BoundQuery(select, List.copyOf(tables), bindings, filters, outer, joins, subqueries, groupBy,
                aggregates, orderBy);
    }

    private List<BoundQuery.Conjunct> conjuncts(Expression e, List<BoundTable> tables,
                                                Map<Column, ColumnBinding> bindings, List<Select> subqueries) {
        List<BoundQuery.Conjunct> out = new ArrayList<>();
        for (Expression part : PartitionPruner.conjuncts(e)) {
            ExpressionScan scan = scan(part, tables, bindings, Set.of(), true);
            if (!scan.aggregates.isEmpty()) {
                throw new PlannerFallback("aggregate in WHERE or ON");
            }
            BitSet read = new BitSet();
            for (Column c : scan.columns) {
                ColumnBinding b = bindings.get(c);
                if (b != null) {
                    read.set(b.table());
                }
            }
            subqueries.addAll(scan.subqueries);
            out.add(new BoundQuery.Conjunct(part, read, !scan.subqueries.isEmpty()));
        }
        return out;
    }

    private ExpressionScan scan(Expression e, List<BoundTable> tables, Map<Column, ColumnBinding> bindings,
                                Set<String> selectAliases, boolean subqueriesAllowed) {
        ExpressionScan scan = ExpressionScan.of(e);
        if (scan.windowFunctions || scan.unknownAggregates) {
            throw new PlannerFallback("window or statistical aggregate function");
        }
        if (!subqueriesAllowed && !scan.subqueries.isEmpty()) {
            throw new PlannerFallback("subquery outside WHERE");
        }
        for (Column c : scan.columns) {
            bindColumn(c, tables, selectAliases).ifPresent(b -> bindings.put(c, b));
        }
        return scan;
    }

    /** Binds one column reference; empty when it names a select-list alias (ORDER BY, HAVING). */
    private Optional<ColumnBinding> bindColumn(Column c, List<BoundTable> tables, Set<String> selectAliases) {
        String name = SqlNames.normalize(c.getColumnName());
        Table qualifier = c.getTable();
        if (qualifier != null && qualifier.getName() != null) {
            BoundTable t = tableNamed(qualifier, tables);
            ColumnDef def = t.table().column(name).orElseThrow(() -> new DistDataException(ErrorCode.SQL_SEMANTIC,
                    "Column '" + qualifier.getName() + "." + c.getColumnName() + "' is not in any table in the FROM "
                            + "list or it appears within a join specification and is outside the scope of the join "
                            + "specification or it appears in a HAVING clause and is not in the GROUP BY list."));
            return Optional.of(new ColumnBinding(t.index(), def));
        }
        ColumnBinding found = null;
        for (BoundTable t : tables) {
            Optional<ColumnDef> def = t.table().column(name);
            if (def.isPresent()) {
                if (found != null) {
                    throw new DistDataException(ErrorCode.SQL_SEMANTIC, "Column name '" + name
                            + "' is in more than one table in the FROM list.");
                }
                found = new ColumnBinding(t.index(), def.get());
            }
        }
        if (found != null) {
            return Optional.of(found);
        }
        if (selectAliases.contains(name)) {
            return Optional.empty();
        }
        if (SPECIAL_NAMES.contains(name.toUpperCase(Locale.ROOT))) {
            throw new PlannerFallback("special register " + name);
        }
        throw new DistDataException(ErrorCode.SQL_SEMANTIC, "Column '" + name + "' is either not in any table in the "
                + "FROM list or appears within a join specification and is outside the scope of the join "
                + "specification or appears in a HAVING clause and is not in the GROUP BY list.");
    }

    private static BoundTable tableNamed(Table qualifier, List<BoundTable> tables) {
        if (qualifier.getSchemaName() != null && !SqlNames.normalize(qualifier.getSchemaName()).equals("APP")) {
            throw new PlannerFallback("column qualified by another schema");
        }
        String ref = SqlNames.normalize(qualifier.getName());
        for (BoundTable t : tables) {
            if (t.reference().equals(ref)) {
                return t;
            }
        }
        throw new DistDataException(ErrorCode.SQL_SEMANTIC, "'" + qualifier.getFullyQualifiedName()
                + "' is not an exposed table name in the scope in which it appears.");
    }

    private BoundTable table(FromItem item, int index) {
        if (!(item instanceof Table t)) {
            throw new PlannerFallback("FROM item is not a table");
        }
        if (t.getSchemaName() != null && !SqlNames.normalize(t.getSchemaName()).equals("APP")) {
            throw new PlannerFallback("table of another schema");
        }
        String stored = SqlNames.normalize(t.getName());
        Optional<TableDef> def = catalog.find(stored);
        if (def.isEmpty()) {
            if (catalog.exists(stored)) {
                throw new PlannerFallback("view " + stored);
            }
            throw new DistDataException(ErrorCode.SQL_SEMANTIC, "Table/View '" + stored + "' does not exist.");
        }
        Alias alias = t.getAlias();
        if (alias != null && alias.getAliasColumns() != null) {
            throw new PlannerFallback("alias with column names");
        }
        String reference = alias != null ? SqlNames.normalize(alias.getName()) : stored;
        return new BoundTable(index, reference, def.get(), t);
    }

    private static Set<String> selectAliases(PlainSelect select) {
        Set<String> out = new HashSet<>();
        for (SelectItem<?> item : select.getSelectItems()) {
            if (item.getAlias() != null) {
                out.add(SqlNames.normalize(item.getAlias().getName()));
            }
        }
        return out;
    }
}
