package org.distdata.sql.plan;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A SELECT after binding: its FROM tables, what every column reference (outside subqueries)
 * resolved to, its predicates split into top-level conjuncts, and the parts the final stage
 * needs. Produced by {@link Binder}; read by the planner.
 *
 * @param filters     top-level conjuncts of WHERE and of inner joins' ON clauses, with the tables each reads
 * @param outerJoins  whether any join is LEFT or RIGHT (the planner then keeps the written join order)
 * @param subqueries  subqueries of WHERE (they run inside fragments)
 * @param aggregates  aggregate calls of the select list, HAVING and ORDER BY
 */
record BoundQuery(PlainSelect select, List<BoundTable> tables, Map<Column, ColumnBinding> bindings,
                  List<Conjunct> filters, boolean outerJoins, List<Join> joins, List<Select> subqueries,
                  List<Expression> groupBy, List<Function> aggregates, List<OrderByElement> orderBy) {

    /** One AND-ed part of a predicate and the FROM tables it reads (subquery contents excluded). */
    record Conjunct(Expression expression, BitSet tables, boolean hasSubquery) {
    }

    boolean aggregated() {
        return !groupBy.isEmpty() || !aggregates.isEmpty() || select.getHaving() != null;
    }

    boolean distinct() {
        return select.getDistinct() != null;
    }

    ColumnBinding binding(Column c) {
        return bindings.get(c);
    }
}
